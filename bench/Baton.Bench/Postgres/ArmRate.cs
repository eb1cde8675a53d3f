namespace Baton.Bench.Postgres;

/// <summary>One arm's rate in one round, and what else it saw that is worth printing beside it.</summary>
internal sealed record ArmRate(double JobsPerSecond, string? Detail = null);
