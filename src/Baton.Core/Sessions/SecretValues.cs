namespace Baton.Core.Sessions;

/// <summary>
/// The values a capsule must never carry: those of environment variables whose names look secret (an API key, a
/// token, a password). Short values are left out: a capsule may well say "true" or "prod".
/// </summary>
public static class SecretValues
{
    /// <summary>The shortest value treated as a secret.</summary>
    public const int MinLength = 8;

    private static readonly string[] SecretWords = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH"];

    /// <summary>True if a variable called <paramref name="name"/> probably holds a secret.</summary>
    public static bool LooksSecret(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The secret-looking values of the given environments, each with the variable's name (for messages).</summary>
    public static IReadOnlyList<NamedSecret> From(params IEnumerable<KeyValuePair<string, string>>[] environments) =>
        [.. environments.SelectMany(e => e)
            .Where(v => v.Value is { Length: >= MinLength } && LooksSecret(v.Key))
            .Select(v => new NamedSecret(v.Key, v.Value))
            .DistinctBy(s => s.Value, StringComparer.Ordinal)];
}

/// <summary>A secret value and the variable it came from; only the name is ever shown.</summary>
public sealed record NamedSecret(string Name, string Value)
{
    /// <summary>Leaves the value out, so a log or a message never shows it by accident.</summary>
    public override string ToString() => Name;
}
