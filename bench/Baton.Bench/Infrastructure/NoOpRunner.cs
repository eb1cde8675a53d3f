using Baton.Core.Runners;

namespace Baton.Bench.Infrastructure;

/// <summary>A runner that succeeds at once: what is left of an attempt is the engine's and the store's own cost.</summary>
internal sealed class NoOpRunner : IRunner
{
    public const string RunnerName = "noop";

    private static readonly Task<AttemptOutcome> Succeeded = Task.FromResult(AttemptOutcome.Success("ok"));

    public string Name => RunnerName;

    public Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop) => Succeeded;
}
