using Baton.Core.Runners;

namespace Baton.Core.Tests.Engine.Testing;

/// <summary>
/// An agent runner whose behaviour a test writes: it gets the attempt's context (and so its conversation) and returns
/// an outcome. Every attempt's context is kept, so a test can see what the engine handed the runner.
/// </summary>
internal sealed class ScriptedAgentRunner(Func<AttemptContext, CancellationToken, Task<AttemptOutcome>> run) : IRunner
{
    public const string RunnerName = "scripted-agent";

    public List<AttemptContext> Contexts { get; } = [];

    public string Name => RunnerName;

    public Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        lock (Contexts)
        {
            Contexts.Add(context);
        }

        return run(context, stop);
    }
}
