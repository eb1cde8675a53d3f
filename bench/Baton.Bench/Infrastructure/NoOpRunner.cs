using Baton.Core.Runners;
using Baton.Core.Runners.Command;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// A runner that succeeds at once: what is left of an attempt is the engine's and the store's own cost. It takes the
/// command runner's place (and name) in the registry: the engine treats every other runner as an agent, whose every
/// attempt starts a git process to snapshot the working directory, and the validator asks such tasks for a prompt.
/// </summary>
internal sealed class NoOpRunner : IRunner
{
    public const string RunnerName = CommandRunner.RunnerName;

    private static readonly Task<AttemptOutcome> Succeeded = Task.FromResult(AttemptOutcome.Success("ok"));

    private readonly Action? started;

    public NoOpRunner(Action? started = null) => this.started = started;

    public string Name => RunnerName;

    /// <summary>Calls the start callback (the moment a handler would start), then succeeds.</summary>
    public Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        started?.Invoke();
        return Succeeded;
    }
}
