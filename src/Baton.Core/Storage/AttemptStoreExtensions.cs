namespace Baton.Core.Storage;

/// <summary>Conveniences over <see cref="IAttemptStore"/>.</summary>
public static class AttemptStoreExtensions
{
    /// <summary>Claims the next due task, if any (see <see cref="IAttemptStore.ClaimAsync"/>).</summary>
    public static Task<Claim?> ClaimNextAsync(this IAttemptStore store, string workerId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        store.ClaimNextAsync(workerId, [], now, leaseUntil, cancellationToken);

    /// <summary>Claims the next due task that a worker offering <paramref name="labels"/> may run, if any.</summary>
    public static async Task<Claim?> ClaimNextAsync(this IAttemptStore store, string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        (await store.ClaimAsync(workerId, labels, now, leaseUntil, 1, cancellationToken)) is [var claim] ? claim : null;

    /// <summary>Claims up to <paramref name="limit"/> due tasks as a worker without labels (only tasks that require none).</summary>
    public static Task<IReadOnlyList<Claim>> ClaimAsync(this IAttemptStore store, string workerId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        store.ClaimAsync(workerId, [], now, leaseUntil, limit, cancellationToken);
}
