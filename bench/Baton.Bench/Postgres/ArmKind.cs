namespace Baton.Bench.Postgres;

/// <summary>What an arm of the PostgreSQL scenario stands for when the scenario computes its ratios.</summary>
internal enum ArmKind
{
    /// <summary>Baton on PostgreSQL; every such arm is compared with graphile-worker and the raw ceiling.</summary>
    Baton,

    /// <summary>The queue Baton's throughput and add→start latency are held against.</summary>
    GraphileWorker,

    /// <summary>Another peer, reported beside the others.</summary>
    Peer,

    /// <summary>What PostgreSQL itself allows for a job that takes as many commits as a Baton task.</summary>
    RawCeiling,

    /// <summary>
    /// What PostgreSQL itself allows with one producer adding one job per transaction while workers consume, as in
    /// the producer mode: every queue's rate there is bounded by it.
    /// </summary>
    OneProducerCeiling,

    /// <summary>A further reference with no ratio of its own.</summary>
    Reference,
}
