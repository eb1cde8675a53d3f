namespace Baton.Mcp.Agent;

/// <summary>The task and attempt an agent-side MCP server serves: the only ones its tools may write for.</summary>
internal sealed record AgentRun(string TaskId, int Attempt);
