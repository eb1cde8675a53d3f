namespace Baton.Core.Runners.Gemini;

/// <summary>What a gemini-cli exit code means, and whether trying again could help.</summary>
/// <param name="Meaning">For the user, e.g. "gemini could not authenticate (exit code 41)".</param>
/// <param name="Retryable">False when the same run would fail the same way.</param>
/// <param name="HttpStatus">The model API's HTTP status, when the exit code is one (400 exits 144: 400 mod 256).</param>
public sealed record GeminiExitCode(string Meaning, bool Retryable, int? HttpStatus = null)
{
    /// <summary>The meaning of <paramref name="exitCode"/>, or null for 0, 1 and codes gemini does not define.</summary>
    public static GeminiExitCode? Of(int? exitCode) => exitCode switch
    {
        41 => new("gemini could not authenticate (exit code 41); log in, or set GEMINI_API_KEY in the agent's environment", false),
        42 => new("gemini rejected its input (exit code 42)", false),
        44 => new("gemini's sandbox failed (exit code 44)", true),
        52 => new("gemini's configuration is invalid (exit code 52)", false),
        53 => new("gemini reached its session turn limit (exit code 53)", false),
        54 => new("a gemini tool failed (exit code 54)", true),
        55 => new("gemini does not trust the working directory (exit code 55)", false),
        130 => new("gemini was cancelled (exit code 130)", true),
        // Node exits with the HTTP status of a fatal API error, which the kernel keeps mod 256.
        >= 144 and <= 255 and var code => new(
            $"gemini's model API answered HTTP {code + 256} (exit code {code})", code + 256 is not (400 or 401 or 403 or 404), code + 256),
        _ => null,
    };
}
