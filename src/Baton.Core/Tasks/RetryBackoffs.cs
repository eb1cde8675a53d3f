namespace Baton.Core.Tasks;

/// <summary>Wire names of <see cref="RetryBackoff"/> values.</summary>
public static class RetryBackoffs
{
    /// <summary>Accepted names.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["exponential", "fixed", "none"];

    /// <summary>The wire name.</summary>
    public static string ToWire(this RetryBackoff backoff) => backoff switch
    {
        RetryBackoff.Fixed => "fixed",
        RetryBackoff.None => "none",
        _ => "exponential",
    };

    /// <summary>Parses a wire name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out RetryBackoff backoff)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "exponential": backoff = RetryBackoff.Exponential; return true;
            case "fixed": backoff = RetryBackoff.Fixed; return true;
            case "none": backoff = RetryBackoff.None; return true;
            default: backoff = default; return false;
        }
    }
}
