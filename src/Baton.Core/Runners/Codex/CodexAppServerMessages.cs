using System.Text.Json.Nodes;
using Baton.Core.Tasks;

namespace Baton.Core.Runners.Codex;

/// <summary>The requests Baton sends <c>codex app-server</c>, as the protocol spells them.</summary>
internal static class CodexAppServerMessages
{
    /// <summary>Streaming deltas Baton does not use: leaving them out keeps the attempt's log as small as exec's.</summary>
    private static readonly string[] UnusedNotifications =
    [
        "item/agentMessage/delta", "item/reasoning/summaryTextDelta", "item/reasoning/summaryPartAdded", "item/reasoning/textDelta",
        "item/commandExecution/outputDelta", "item/fileChange/outputDelta", "item/plan/delta", "command/exec/outputDelta",
        "account/rateLimits/updated", "thread/readState/changed",
    ];

    /// <summary>
    /// <c>thread/start</c>, or <c>thread/resume</c> of <paramref name="resumedThread"/>: the working directory, the
    /// approval policy and sandbox for the agent's permission mode (see <see cref="CodexCommandLine.ApprovalPolicy"/>),
    /// and the model if one is chosen.
    /// </summary>
    public static JsonObject Thread(TaskDefinition definition, string? resumedThread) => Thread(definition, resumedThread, fork: false);

    /// <summary>
    /// <c>thread/fork</c> of <paramref name="thread"/>: a copy under a new id, which the result's thread carries, with
    /// the same settings as <see cref="Thread(TaskDefinition, string?)"/>; the original thread is left as it was.
    /// </summary>
    public static JsonObject Fork(TaskDefinition definition, string thread) => Thread(definition, thread, fork: true);

    private static JsonObject Thread(TaskDefinition definition, string? resumedThread, bool fork)
    {
        var mode = definition.Agent?.PermissionMode;
        var parameters = new JsonObject
        {
            ["cwd"] = definition.WorkingDirectory,
            ["approvalPolicy"] = CodexCommandLine.ApprovalPolicy(mode),
            ["sandbox"] = CodexCommandLine.SandboxMode(mode),
        };
        if (CodexCommandLine.Model(definition.Agent, definition.Model) is { } model)
        {
            parameters["model"] = model;
        }

        if (resumedThread is not null)
        {
            parameters["threadId"] = resumedThread;
        }

        if (resumedThread is not null && !fork)
        {
            // The history stays on disk; Baton needs none of it back.
            parameters["excludeTurns"] = true;
        }

        return parameters;
    }

    public static JsonObject Initialize() => new()
    {
        ["clientInfo"] = new JsonObject
        {
            ["name"] = "baton",
            ["title"] = "Baton",
            ["version"] = typeof(CodexAppServerMessages).Assembly.GetName().Version?.ToString() ?? "0",
        },
        ["capabilities"] = new JsonObject
        {
            // Questions (request_user_input) are an experimental part of the protocol.
            ["experimentalApi"] = true,
            ["requestAttestation"] = false,
            ["optOutNotificationMethods"] = new JsonArray([.. UnusedNotifications.Select(m => (JsonNode)m)]),
        },
    };

    public static JsonObject Steer(string threadId, string turnId, string text) => new()
    {
        ["threadId"] = threadId,
        ["expectedTurnId"] = turnId,
        ["input"] = new JsonArray(Text(text)),
    };

    public static JsonNode Text(string text) => new JsonObject { ["type"] = "text", ["text"] = text, ["text_elements"] = new JsonArray() };

    /// <summary>
    /// <c>turn/start</c> with <paramref name="texts"/> as the user's input. With <paramref name="planModel"/> the turn
    /// runs in Codex's plan mode: the agent plans before it acts and may ask clarifying questions
    /// (<c>request_user_input</c> exists only in this mode); the mode's settings need the thread's model.
    /// </summary>
    public static JsonObject TurnStart(string threadId, IEnumerable<string> texts, string? planModel)
    {
        var parameters = new JsonObject { ["threadId"] = threadId, ["input"] = new JsonArray([.. texts.Select(Text)]) };
        if (planModel is not null)
        {
            parameters["collaborationMode"] = new JsonObject
            {
                ["mode"] = "plan",
                ["settings"] = new JsonObject { ["model"] = planModel, ["reasoning_effort"] = null, ["developer_instructions"] = null },
            };
        }

        return parameters;
    }

    /// <summary><c>turn/interrupt</c>: the turn ends as interrupted, the thread is kept.</summary>
    public static JsonObject Interrupt(string threadId, string turnId) => new() { ["threadId"] = threadId, ["turnId"] = turnId };
}
