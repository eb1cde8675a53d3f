namespace Baton.Core.Webhooks;

/// <summary>
/// What one HTTP attempt got: a status code (and the Retry-After it carried), or an error before any answer
/// (refused address, connection failure, timeout). A <paramref name="Permanent"/> failure (an address webhooks may
/// not reach) is not tried again.
/// </summary>
public sealed record AttemptResult(int? StatusCode, string? Error, TimeSpan? RetryAfter = null, bool Permanent = false)
{
    /// <summary>An answer with a status code.</summary>
    public static AttemptResult Answered(int statusCode, TimeSpan? retryAfter = null) => new(statusCode, null, retryAfter);

    /// <summary>No answer: the reason, as shown by <c>baton webhook deliveries</c>.</summary>
    public static AttemptResult NoAnswer(string error) => new(null, error);

    /// <summary>Refused before connecting, for a reason that trying again will not change.</summary>
    public static AttemptResult Refused(string error) => new(null, error, Permanent: true);
}
