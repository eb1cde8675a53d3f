using System.Text.Json;

using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// Describes a gemini tool call in a few words: its name and its most telling parameter, e.g.
/// <c>read_file hello.txt</c>, <c>run_shell_command: npm test</c>, <c>grep_search: TODO</c>.
/// </summary>
public static class GeminiSteps
{
    private const int MaxLength = 100;

    /// <summary>A short description of the call of <paramref name="tool"/> with <paramref name="parameters"/>.</summary>
    public static string Describe(string tool, JsonElement parameters, string workingDirectory)
    {
        var detail = (JsonFields.Text(parameters, "file_path") ?? JsonFields.Text(parameters, "dir_path") ?? JsonFields.Text(parameters, "path")) is { } path
            ? " " + StepText.Relative(path, workingDirectory)
            : (JsonFields.Text(parameters, "command") ?? JsonFields.Text(parameters, "pattern") ?? JsonFields.Text(parameters, "query")
                ?? JsonFields.Text(parameters, "url")) is { } value
                ? ": " + StepText.FirstLine(value)
                : null;
        var step = tool + detail;
        return step.Length <= MaxLength ? step : step[..(MaxLength - 3)] + "...";
    }


}
