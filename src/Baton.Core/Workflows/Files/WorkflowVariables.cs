using System.Text.RegularExpressions;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// Fills <c>{{vars.NAME}}</c> (spaces inside the braces allowed) in string values after the YAML is parsed, so a
/// value can never change the file's structure. Values given on the command line win over the file's <c>vars:</c>.
/// Any other <c>{{...}}</c> text is left as it is.
/// </summary>
internal sealed partial class WorkflowVariables(IReadOnlyDictionary<string, string> values)
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    /// <summary>The names of the placeholders filled so far.</summary>
    public IReadOnlySet<string> Used => used;

    /// <summary>
    /// <paramref name="text"/> with every placeholder filled; a placeholder without a value is an error that says where
    /// it is used (<paramref name="where"/>, e.g. <c>phases[1].tasks[0].agent_instructions</c>) and how to give it one.
    /// </summary>
    public string Apply(string text, string where, Func<string, Exception> error)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            used.Add(name);
            return values.TryGetValue(name, out var value)
                ? value
                : throw error($"{where} uses {{{{vars.{name}}}}}, which has no value; pass --var {name}=VALUE or add it under vars:");
        });
    }

    [GeneratedRegex(@"\{\{\s*vars\.([^{}\s]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
