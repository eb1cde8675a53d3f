using Baton.Core.Application;

namespace Baton.Mcp.Agent;

/// <summary>What the agent-side tools call: the context service, opened over the store in this process.</summary>
internal sealed record AgentMcpServices(ContextService Context);
