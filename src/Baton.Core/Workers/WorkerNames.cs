using System.Text.RegularExpressions;
using Baton.Core.Errors;

namespace Baton.Core.Workers;

/// <summary>Names of worker nodes: the host name unless set, unique among live nodes.</summary>
public static partial class WorkerNames
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>This machine's default node name: its host name.</summary>
    public static string Default => Environment.MachineName;

    /// <summary>Throws invalid input unless <paramref name="name"/> is 1 to 100 letters, digits, '.', '_' or '-'.</summary>
    public static void Validate(string name)
    {
        if (name.Length is 0 or > MaxLength || !Name().IsMatch(name))
        {
            throw BatonException.Invalid($"worker name '{name}' is not valid: use 1 to {MaxLength} letters, digits, '.', '_' or '-' (set it with --name or BATON_WORKER_NAME)");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
