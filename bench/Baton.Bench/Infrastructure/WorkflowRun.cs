using Baton.Core.Workflows;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// One workflow run to its end, on the system clock: when <see cref="Baton.Core.Application.WorkflowService.RunAsync"/>
/// was called and when it returned (the workflow created and started), and the trace of every task's attempt.
/// </summary>
internal sealed record WorkflowRun(DateTimeOffset Started, DateTimeOffset Created, IReadOnlyDictionary<string, AttemptTrace> Traces)
{
    /// <summary>When the last attempt's end committed: the same transaction records the workflow completed.</summary>
    public DateTimeOffset Ended => Traces.Values.Max(t => t.Finished);

    public TimeSpan Elapsed => Ended - Started;

    /// <summary>Creates the workflow started and waits, up to <paramref name="deadline"/>, for every task's attempt to end.</summary>
    public static async Task<WorkflowRun> RunAsync(
        EngineHost host, AttemptTraces traces, WorkflowBlueprint blueprint, string? searchPath, TimeProvider time, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        // Wall clock, because the engine stamps its events with it.
        var started = time.GetUtcNow();
        await host.Workflows.RunAsync(blueprint, searchPath, cancellationToken);
        var created = time.GetUtcNow();
        IReadOnlyDictionary<string, AttemptTrace> ended;
        try
        {
            ended = await traces.WaitAllAsync([.. blueprint.Tasks.Select(t => t.Id)], deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A failed task cancels the rest (fail_fast), whose attempts then never come: say why, not just "timed out".
            await WorkflowChecks.RequireCompletedAsync(host.WorkflowStore, blueprint.Workflow.Id, cancellationToken);
            throw;
        }

        await WorkflowChecks.RequireCompletedAsync(host.WorkflowStore, blueprint.Workflow.Id, cancellationToken);
        return new WorkflowRun(started, created, ended);
    }
}
