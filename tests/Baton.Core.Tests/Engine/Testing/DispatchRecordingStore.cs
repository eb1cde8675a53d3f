using System.Collections.Concurrent;
using Baton.Core.Attempts;
using Baton.Core.Storage;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// The real attempt store, recording how often the dispatcher claims and what each next-due read answered; a test
/// may set <see cref="Answer"/> to answer the reads itself.
/// </summary>
internal sealed class DispatchRecordingStore(IAttemptStore inner) : DelegatingAttemptStore(inner)
{
    private int claims;

    /// <summary>Claim transactions made so far, empty ones included.</summary>
    public int Claims => Volatile.Read(ref claims);

    /// <summary>Each next-due read: the labels it was asked with and what it answered.</summary>
    public ConcurrentQueue<NextDueRead> NextDueReads { get; } = new();

    /// <summary>When set, what every next-due read answers instead of the store.</summary>
    public Func<DateTimeOffset?>? Answer { get; set; }

    public override Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref claims);
        return base.ClaimAsync(workerId, labels, now, leaseUntil, limit, cancellationToken);
    }

    public override async Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        var answer = await base.NextDueAtAsync(labels, cancellationToken);
        if (Answer is not null)
        {
            answer = Answer();
        }

        NextDueReads.Enqueue(new NextDueRead([.. labels], answer));
        return answer;
    }
}

/// <summary>One next-due read: the labels it was asked with and what it answered.</summary>
internal sealed record NextDueRead(IReadOnlyList<string> Labels, DateTimeOffset? Answer);
