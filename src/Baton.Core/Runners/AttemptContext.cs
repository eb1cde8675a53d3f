using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Tasks;

namespace Baton.Core.Runners;

/// <summary>What a runner gets for one attempt.</summary>
/// <param name="Task">The task as it was claimed.</param>
/// <param name="Attempt">The attempt being run.</param>
/// <param name="Log">The attempt's log.</param>
/// <param name="StopGracePeriod">How long a process may take to exit after SIGTERM.</param>
/// <param name="Time">The clock.</param>
/// <param name="RecordProcessAsync">Records the started process durably so that a later daemon can stop it.</param>
/// <param name="ReportProgress">Takes an agent's progress; cheap to call often (writes are coalesced).</param>
/// <param name="ResumeSessionId">
/// The agent session of an attempt that was interrupted (its daemon died or shut down): an agent runner resumes it
/// instead of starting over. Also set for a follow-up (<c>baton task continue</c>) to the session of the attempt before.
/// </param>
/// <param name="ResumePrompt">What to send the resumed session: the follow-up, or null for Baton's "continue" note.</param>
/// <param name="CostBefore">The resumed session's cost so far: agent CLIs report a running total, so it is subtracted.</param>
/// <param name="UsageBefore">The resumed session's tokens per model so far, for CLIs that report a running total (Codex).</param>
/// <param name="Conversation">
/// The attempt's line to people (questions, approvals, steering, pause); null where nobody can answer (a runner run
/// outside the engine), in which case the runner keeps its CLI from asking.
/// </param>
/// <param name="ForkSession">
/// Resume a copy of <see cref="ResumeSessionId"/> (a forked task), leaving the original as it was; the copy's id is
/// the one the CLI reports.
/// </param>
/// <param name="ToolCalls">Hears the agent's tool calls (for traces); null when nobody does, and then tool results are not followed.</param>
public sealed record AttemptContext(
    TaskRecord Task,
    AttemptKey Attempt,
    AttemptLog Log,
    TimeSpan StopGracePeriod,
    TimeProvider Time,
    Func<ProcessIdentity, Task> RecordProcessAsync,
    Action<Agents.AgentProgress> ReportProgress,
    string? ResumeSessionId = null,
    string? ResumePrompt = null,
    decimal? CostBefore = null,
    Interactions.IAttemptConversation? Conversation = null,
    IReadOnlyDictionary<string, Agents.ModelUsage>? UsageBefore = null,
    Agents.IToolCallObserver? ToolCalls = null,
    bool ForkSession = false);
