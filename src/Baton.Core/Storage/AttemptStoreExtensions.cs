namespace Baton.Core.Storage;

/// <summary>Conveniences over <see cref="IAttemptStore"/>.</summary>
public static class AttemptStoreExtensions
{
    /// <summary>Claims the next due task, if any (see <see cref="IAttemptStore.ClaimAsync"/>).</summary>
    public static async Task<Claim?> ClaimNextAsync(this IAttemptStore store, string workerId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        (await store.ClaimAsync(workerId, now, leaseUntil, 1, cancellationToken)) is [var claim] ? claim : null;
}
