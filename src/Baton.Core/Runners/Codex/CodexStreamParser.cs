using System.Text.Json;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Follows <c>codex exec --json</c> output line by line. The run's end is its last <c>turn.completed</c>,
/// <c>turn.failed</c> or <c>error</c> event, whichever came last: a turn that completed with no failure after it is
/// a success, anything else is not. <c>error</c> items (warnings such as missing model metadata) are not failures.
/// Unknown events are ignored; a line that is not a JSON object is counted and skipped. <c>codex app-server</c>
/// messages are read as the exec events they stand for (see <see cref="CodexAppServerEvents"/>).
/// </summary>
public sealed class CodexStreamParser(string workingDirectory, IToolCallObserver? tools = null)
{
    private readonly List<string> errors = [];
    private readonly CodexToolCalls? toolCalls = tools is null ? null : new CodexToolCalls(tools);

    /// <summary>The thread id from <c>thread.started</c>.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The latest action, described for a person.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>Completed model actions (messages and tool calls) so far.</summary>
    public int Turns { get; private set; }

    /// <summary>Lines that were not JSON objects.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>The text of the latest <c>agent_message</c>: the run's answer.</summary>
    public string? LastMessage { get; private set; }

    /// <summary>The usage of the latest <c>turn.completed</c> (a running total for the thread).</summary>
    public JsonElement? Usage { get; private set; }

    /// <summary>True if the last end-of-turn event was a <c>turn.completed</c>.</summary>
    public bool Completed { get; private set; }

    /// <summary>The message of the last <c>error</c> or <c>turn.failed</c>, if one came after the last completed turn.</summary>
    public string? Failure { get; private set; }

    /// <summary>The event that decided the outcome: <c>turn.completed</c>, <c>turn.failed</c> or <c>error</c>.</summary>
    public string? EndEvent { get; private set; }

    /// <summary>Every error message the CLI sent, in order, without repeats.</summary>
    public IReadOnlyList<string> Errors => errors;

    /// <summary>Progress as it stands.</summary>
    public AgentProgress Progress => new(SessionId, CurrentStep, Turns, 0);

    /// <summary>Takes one line (without its newline); returns true if the progress changed.</summary>
    public bool Consume(ReadOnlySpan<byte> line)
    {
        if (JsonEventLine.Parse(line, Dispatch) is { } changed)
        {
            return changed;
        }

        MalformedLines++;
        return false;
    }

    private bool Dispatch(JsonElement root)
    {
        if (!CodexAppServerEvents.IsAppServerMessage(root))
        {
            return DispatchEvent(root);
        }

        var changed = false;
        foreach (var translated in CodexAppServerEvents.Translate(root))
        {
            changed |= DispatchEvent(translated);
        }

        return changed;
    }

    private bool DispatchEvent(JsonElement root)
    {
        switch (JsonFields.Text(root, "type"))
        {
            case "thread.started":
                SessionId = JsonFields.Text(root, "thread_id") ?? SessionId;
                return true;
            case "item.started":
                toolCalls?.Started(JsonFields.Child(root, "item"));
                return OnStep(JsonFields.Child(root, "item"));
            case "item.completed":
                toolCalls?.Ended(JsonFields.Child(root, "item"));
                return OnCompleted(JsonFields.Child(root, "item"));
            case "turn.completed":
                // exec reports the thread's usage here; app-server reports it before the turn ends.
                if (JsonFields.Child(root, "usage") is { ValueKind: JsonValueKind.Object } usage)
                {
                    Usage = usage.Clone();
                }

                End("turn.completed", failure: null);
                return false;
            case CodexAppServerEvents.TokenUsage:
                Usage = JsonFields.Child(root, "usage").Clone();
                return false;
            case "turn.failed":
                End("turn.failed", JsonFields.Text(JsonFields.Child(root, "error"), "message") ?? "the turn failed");
                return false;
            case "error":
                End("error", JsonFields.Text(root, "message") ?? "codex reported an error");
                return false;
            default:
                return false;
        }
    }

    private bool OnStep(JsonElement item)
    {
        if (CodexSteps.Describe(item, workingDirectory) is not { } step || step == CurrentStep)
        {
            return false;
        }

        CurrentStep = step;
        return true;
    }

    private bool OnCompleted(JsonElement item)
    {
        switch (JsonFields.Text(item, "type"))
        {
            case "agent_message":
                LastMessage = JsonFields.Text(item, "text") ?? LastMessage;
                Turns++;
                return true;
            case "reasoning" or "error" or null:
                return false;
            default:
                // An action: file changes and searches may arrive only as completed items.
                Turns++;
                OnStep(item);
                return true;
        }
    }

    private void End(string endEvent, string? failure)
    {
        EndEvent = endEvent;
        Completed = failure is null;
        Failure = failure;
        if (failure is not null && (errors.Count == 0 || errors[^1] != failure))
        {
            errors.Add(failure);
        }
    }
}
