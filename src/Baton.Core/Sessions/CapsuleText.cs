using System.Globalization;
using System.Text;

namespace Baton.Core.Sessions;

/// <summary>
/// A capsule as people and agents read it: a "Context handed over" block with the current task, what is done, the
/// next steps, decisions with their reasons, files, open questions and failed approaches, leaving out empty sections.
/// Upstream summaries, <c>baton task handoff</c>, <c>context_load</c> and <c>baton session show</c> print it alike.
/// </summary>
public static class CapsuleText
{
    /// <summary>The line that starts the block.</summary>
    public const string Heading = "Context handed over:";

    /// <summary>The block for <paramref name="capsule"/>, ending with a newline.</summary>
    public static string Render(ContextCapsule capsule)
    {
        var text = new StringBuilder(Heading).Append('\n');
        text.Append("Current task: ").Append(OneLine(capsule.CurrentTask)).Append('\n');
        List(text, "Completed", capsule.CompletedSteps);
        if (capsule.NextSteps.Count > 0)
        {
            text.Append("Next steps:\n");
            for (var i = 0; i < capsule.NextSteps.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {OneLine(capsule.NextSteps[i])}\n");
            }
        }

        if (capsule.Decisions.Count > 0)
        {
            text.Append("Decisions:\n");
            foreach (var decision in capsule.Decisions)
            {
                var reason = OneLine(decision.Reason);
                text.Append("  - ").Append(OneLine(decision.Decision)).Append(reason.Length == 0 ? string.Empty : " (because " + reason + ")").Append('\n');
            }
        }

        List(text, "Files", capsule.Files);
        List(text, "Open questions", capsule.OpenQuestions);
        List(text, "Failed approaches (do not retry)", capsule.FailedApproaches);
        return text.ToString();
    }

    /// <summary>
    /// The block for a saved capsule, after a line that says where it comes from: its task, agent, session and time.
    /// </summary>
    public static string Render(CapsuleRecord record)
    {
        var session = record.SessionId is null ? string.Empty : $", session {record.SessionId}";
        var source = string.Create(CultureInfo.InvariantCulture,
            $"Saved {record.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {record.Agent} in task {record.TaskId}{session} ({record.Id})\n");
        return source + Render(record.Capsule);
    }

    private static void List(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append(title).Append(":\n");
        foreach (var item in items)
        {
            text.Append("  - ").Append(OneLine(item)).Append('\n');
        }
    }

    // An item is one line, so that an item's text can never pass for another section.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
