using System.Text.Json;

namespace Baton.Mcp.Agent;

/// <summary>What <c>context_load</c> answers: the capsules found, newest first.</summary>
internal sealed record CapsuleListView(IReadOnlyList<CapsuleItemView> Capsules, int Count);

/// <summary>One capsule with who saved it and when.</summary>
internal sealed record CapsuleItemView(string CapsuleId, string TaskId, int? Attempt, string? SessionId, string? WorkflowId, string Agent, DateTimeOffset CreatedAt, JsonElement Capsule);

/// <summary>What <c>progress_update</c> answers.</summary>
internal sealed record ProgressReportView(string TaskId, int Attempt, int Percent, string Step);
