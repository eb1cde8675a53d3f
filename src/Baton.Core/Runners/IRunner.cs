namespace Baton.Core.Runners;

/// <summary>Executes one attempt of a task. Registered by name; the task's <c>runner</c> selects one.</summary>
public interface IRunner
{
    /// <summary>The name tasks use to select this runner, e.g. <c>command</c>.</summary>
    string Name { get; }

    /// <summary>
    /// False for a runner that does little work itself and may wait long on others (the built-in merge waits on
    /// people and on the agent tasks it hands conflicts to): its attempts do not take one of the node's slots, so a
    /// node with one slot can still run the agent task such an attempt waits for.
    /// </summary>
    bool TakesSlot => true;

    /// <summary>
    /// Runs the attempt to its end. When <paramref name="stop"/> fires, the runner stops its work (through
    /// <see cref="Processes.SupervisedProcess"/>) and returns; the engine decides what the stop meant.
    /// </summary>
    Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop);
}
