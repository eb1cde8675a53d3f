using System.Text.RegularExpressions;
using Baton.Core.Errors;

namespace Baton.Core.Initiatives;

/// <summary>
/// Initiative names and stream ids name git branches (<c>baton/NAME/STREAM</c>), so each must be a valid branch name
/// component: letters, digits, '.', '_' and '-', starting with a letter or digit, without '..' and not ending in '.'
/// or '.lock'. Stricter than git, so that a name also works as a directory name and in a URL.
/// </summary>
public static partial class InitiativeNames
{
    /// <summary>The longest name or stream id.</summary>
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="text"/> cannot be a branch component, or null when it can.</summary>
    public static string? Problem(string text)
    {
        if (text.Length == 0)
        {
            return "it is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"it is {text.Length} characters; the limit is {MaxLength}";
        }

        if (!Component().IsMatch(text) || text.Contains("..", StringComparison.Ordinal) || text.EndsWith('.') || text.EndsWith(".lock", StringComparison.Ordinal))
        {
            return "it names a git branch, so use letters, digits, '.', '_' and '-', start with a letter or digit, and do not end with '.' or '.lock'";
        }

        return null;
    }

    /// <summary>Throws invalid input when <paramref name="name"/> cannot name an initiative.</summary>
    public static void RequireName(string name, string where = "")
    {
        if (Problem(name) is { } problem)
        {
            throw BatonException.Invalid($"{where}initiative name '{name}' is not valid: {problem}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Component();
}
