namespace Baton.Shares;

/// <summary><c>POST /api/v1/shares</c>: what to share (a task or a workflow) and for how long (default 24h).</summary>
internal sealed record ShareBody(string? TaskId = null, string? WorkflowId = null, string? ExpiresIn = null);
