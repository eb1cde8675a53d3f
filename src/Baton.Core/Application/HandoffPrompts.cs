using Baton.Core.Sessions;

namespace Baton.Core.Application;

/// <summary>What a handoff tells the agents involved: the receiving agent, and a session asked to save its capsule.</summary>
public static class HandoffPrompts
{
    /// <summary>What the receiving agent is told after the capsule when the person gave no prompt.</summary>
    public const string Default = "Continue the work described above.";

    /// <summary>
    /// The same, when the capsule comes with the upstream summary that follows the prompt: the request for it may end
    /// without one, and the agent must not go looking for a block that is not there.
    /// </summary>
    public const string DefaultBeforeUpstream =
        "Continue the work described in the context handed over below. If the upstream task below shows no \""
        + CapsuleText.Heading + "\" block, its session saved no capsule: work from its result and the repository as it is.";

    /// <summary>The one turn a session is given when its work is handed off and it saved no capsule.</summary>
    public const string SaveCapsule =
        "Your work is being handed off to another session. Call the context_save tool now, once, with a capsule of where "
        + "the work stands: the current task, completed steps, next steps, decisions with their reasons, the files that "
        + "matter, open questions and failed approaches. Do nothing else: no other tools, no further work.";

    /// <summary>The most of the source's result a handoff without a capsule carries (its end, where results conclude).</summary>
    public const int MaxResultChars = 4000;

    /// <summary>
    /// The receiving agent's prompt when no capsule could be had: what happened, the end of the source's result, then
    /// what it is asked to do.
    /// </summary>
    public static string WithResult(Tasks.TaskRecord source, Tasks.TaskRecord request, string prompt)
    {
        var result = source.Result ?? source.Error ?? "(no result)";
        var tail = result.Length <= MaxResultChars ? result : "…" + result[^MaxResultChars..];
        return $"""
            Work handed over from task {source.Id} ('{source.Definition.Name}', {Tasks.TaskStates.ToWire(source.Status)}). Its session saved no
            capsule of where the work stands, and asking it for one did not bring one (task {request.Id} {Tasks.TaskStates.ToWire(request.Status)}).
            Its result:
            {tail}

            {prompt}
            """;
    }

    /// <summary>The receiving agent's prompt: the capsule as every surface renders it, then what it is asked to do.</summary>
    public static string WithCapsule(CapsuleRecord saved, string prompt) =>
        $"{CapsuleText.Render(saved)}\n{prompt}";
}
