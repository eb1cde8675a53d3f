using System.Text.Json;

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
        var detail = (GeminiJson.Text(parameters, "file_path") ?? GeminiJson.Text(parameters, "dir_path") ?? GeminiJson.Text(parameters, "path")) is { } path
            ? " " + Relative(path, workingDirectory)
            : (GeminiJson.Text(parameters, "command") ?? GeminiJson.Text(parameters, "pattern") ?? GeminiJson.Text(parameters, "query")
                ?? GeminiJson.Text(parameters, "url")) is { } value
                ? ": " + FirstLine(value)
                : null;
        var step = tool + detail;
        return step.Length <= MaxLength ? step : step[..(MaxLength - 3)] + "...";
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? trimmed : trimmed[..newline] + " ...";
    }

    private static string Relative(string path, string workingDirectory) =>
        Path.IsPathFullyQualified(path) && path.StartsWith(workingDirectory.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? Path.GetRelativePath(workingDirectory, path)
            : path;
}
