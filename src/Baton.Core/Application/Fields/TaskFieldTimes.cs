using System.Globalization;
using System.Text.RegularExpressions;

namespace Baton.Core.Application.Fields;

/// <summary>
/// Reads a <see cref="TaskFieldKind.Time"/> field given as text (an MCP argument, a workflow file's value) the way
/// REST's JSON reads it: ISO 8601 only, a time without an offset taken as the local time of the process.
/// </summary>
public static partial class TaskFieldTimes
{
    /// <summary>The time <paramref name="text"/> says, or false when it is not an ISO 8601 time.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        return Iso8601().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out time);
    }

    /// <summary>What to write instead, for messages.</summary>
    public const string Example = "an ISO 8601 time such as 2026-11-21T18:00:00Z";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
