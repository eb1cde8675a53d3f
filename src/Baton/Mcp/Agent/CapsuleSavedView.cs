namespace Baton.Mcp.Agent;

/// <summary>What <c>context_save</c> answers: the capsule's id and its size against the limit.</summary>
internal sealed record CapsuleSavedView(string CapsuleId, string TaskId, string? SessionId, int Bytes, int LimitBytes);
