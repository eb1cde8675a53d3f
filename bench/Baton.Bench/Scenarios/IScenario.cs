using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>One benchmark: measures something, bounded in time, and cleans up what it created.</summary>
internal interface IScenario
{
    /// <summary>The name that selects it on the command line.</summary>
    string Name { get; }

    /// <summary>The heading of its report, numbered as in docs/benchmarks.md.</summary>
    string Title { get; }

    /// <summary>How much longer than <see cref="BenchRunner.TimeLimit"/> a run may take when it includes this scenario.</summary>
    TimeSpan ExtraTime => TimeSpan.Zero;

    Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default);
}
