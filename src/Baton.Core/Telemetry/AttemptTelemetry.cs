using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Tasks;

namespace Baton.Core.Telemetry;

/// <summary>
/// What an ended attempt tells its observers (metrics, benchmarks): carried on the engine's <c>attempt</c> activity
/// as the custom property <see cref="Property"/>, so that counting costs nothing when no one listens.
/// </summary>
/// <param name="Task">The task as it was claimed (its definition, and when it became due).</param>
/// <param name="Number">The attempt's number (1 for the first).</param>
/// <param name="AttemptStatus">How the attempt ended.</param>
/// <param name="TaskStatus">Where that left the task (<c>retrying</c> means another attempt follows).</param>
/// <param name="Details">For agent runners: tokens per model and cost.</param>
public sealed record AttemptTelemetry(TaskRecord Task, int Number, AttemptState AttemptStatus, TaskState TaskStatus, AgentRunDetails? Details)
{
    /// <summary>The name of the engine's activity source.</summary>
    public const string SourceName = "Baton.Engine";

    /// <summary>The name of the activity of one attempt.</summary>
    public const string ActivityName = "attempt";

    /// <summary>The custom property of the attempt's activity that holds this record once the attempt ended.</summary>
    public const string Property = "baton.attempt";
}
