using System.Text;
using Baton.Core.Sessions;

namespace Baton.Core.Application;

/// <summary>What a handoff tells the agents involved: the receiving agent, and a session asked to save its capsule.</summary>
public static class HandoffPrompts
{
    /// <summary>What the receiving agent is told after the capsule when the person gave no prompt.</summary>
    public const string Default = "Continue the work described above.";

    /// <summary>The same, when the capsule comes with the upstream summary that follows the prompt.</summary>
    public const string DefaultBeforeUpstream = "Continue the work described in the capsule below.";

    /// <summary>The one turn a session is given when its work is handed off and it saved no capsule.</summary>
    public const string SaveCapsule =
        "Your work is being handed off to another session. Call the context_save tool now, once, with a capsule of where "
        + "the work stands: the current task, completed steps, next steps, decisions with their reasons, the files that "
        + "matter, open questions and failed approaches. Do nothing else: no other tools, no further work.";

    /// <summary>The receiving agent's prompt: the capsule, then what it is asked to do.</summary>
    public static string WithCapsule(CapsuleRecord saved, string prompt) =>
        $"{Render(saved)}\n\n{prompt}";

    /// <summary>A capsule as an agent reads it: each part under its own heading, empty parts left out.</summary>
    public static string Render(CapsuleRecord saved)
    {
        var capsule = saved.Capsule;
        var text = new StringBuilder();
        text.Append("<handoff_capsule task=\"").Append(saved.TaskId).Append("\" agent=\"").Append(saved.Agent).Append("\">\n");
        text.Append("Current task: ").Append(capsule.CurrentTask.Trim()).Append('\n');
        Section(text, "Completed steps", capsule.CompletedSteps);
        Section(text, "Next steps", capsule.NextSteps);
        Section(text, "Decisions", [.. capsule.Decisions.Select(d => $"{d.Decision} (because {d.Reason})")]);
        Section(text, "Files", capsule.Files);
        Section(text, "Open questions", capsule.OpenQuestions);
        Section(text, "Failed approaches (do not try again)", capsule.FailedApproaches);
        return text.Append("</handoff_capsule>").ToString();
    }

    private static void Section(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append(heading).Append(":\n");
        foreach (var item in items)
        {
            text.Append("- ").Append(item.Trim()).Append('\n');
        }
    }
}
