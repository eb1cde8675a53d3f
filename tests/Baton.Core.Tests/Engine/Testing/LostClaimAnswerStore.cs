using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, except that the first claim that takes a task commits and then fails as when the
/// connection dropped before its answer arrived: the store counts the attempt as the worker's, the worker never hears of it.
/// </summary>
internal sealed class LostClaimAnswerStore(IAttemptStore inner) : DelegatingAttemptStore(inner)
{
    private int lost;

    /// <summary>The attempts whose claim's answer was lost.</summary>
    public TaskCompletionSource<IReadOnlyList<Claim>> Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        var claims = await base.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);
        if (claims.Count > 0 && Interlocked.Exchange(ref lost, 1) == 0)
        {
            Lost.SetResult(claims);
            throw new BatonException(ErrorKind.Unavailable, "the database at 127.0.0.1:5432/baton cannot be reached (Connection reset by peer)");
        }

        return claims;
    }
}
