namespace Baton.Core.Storage;

/// <summary>
/// Named leases for work that must happen on one node of a cluster at a time (event pruning, rescue sweeps, hooks).
/// A lease is a row with a holder and an end: taken when free or expired, renewed by its holder, given back on a
/// clean stop. A holder that cannot renew stops the work itself before the end (see
/// <see cref="Cluster.ClusterDuty"/>), so two nodes never both believe they hold it; the work under a lease is also
/// fenced where it writes (rescues by attempt, deliveries by claim), so an overlap could only repeat work, never
/// corrupt it.
/// </summary>
public interface IClusterLeaseStore
{
    /// <summary>
    /// Takes the lease for <paramref name="holder"/> until <paramref name="until"/> if nobody holds it, its end has
    /// passed at <paramref name="now"/>, or <paramref name="holder"/> holds it already (a renewal); true if
    /// <paramref name="holder"/> holds it afterwards.
    /// </summary>
    Task<bool> TryHoldAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="holder"/> holds it, so another node may take it at once.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default);

    /// <summary>Every lease with its holder and end (expired ones included), by name.</summary>
    Task<IReadOnlyList<ClusterLease>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>A named lease: who holds it and until when.</summary>
public sealed record ClusterLease(string Name, string Holder, DateTimeOffset ExpiresAt);
