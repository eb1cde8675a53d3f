namespace Baton.Testing.Postgres;

/// <summary>How a throw-away cluster runs.</summary>
public sealed record ClusterSettings
{
    /// <summary>
    /// fsync and synchronous commit on, as a production server runs (benchmarks); off by default, where tests only
    /// need committed work to survive a clean restart and run faster without flushing.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The server's connection limit: several nodes with their pools share one cluster in tests.</summary>
    public int MaxConnections { get; init; } = 400;
}
