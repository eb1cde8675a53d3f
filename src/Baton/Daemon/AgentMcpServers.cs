using Baton.Configuration;
using Baton.Core.Runners.Agents;

namespace Baton.Daemon;

/// <summary>How the agents this daemon runs start Baton's agent-side MCP server: this executable, on this store.</summary>
internal static class AgentMcpServers
{
    public static AgentMcpServer? For(BatonSettings settings)
    {
        if (!settings.AgentMcp)
        {
            return null; // Turned off in baton.json: agents run with only the MCP servers of their own configuration.
        }

        (string Program, IReadOnlyList<string> Arguments) self;
        try
        {
            self = DaemonLauncher.SelfCommand([]);
        }
        catch (InvalidOperationException)
        {
            return null; // Without a known executable, agents run without Baton's tools rather than with a broken server.
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["BATON_HOME"] = settings.Home };
        // A SQLite path is named; a server's connection string (which may hold a password) is not put on the agent's
        // command line: the server finds it where the daemon did (BATON_DB in the inherited environment, or baton.json).
        if (settings.DatabaseServer is null)
        {
            environment["BATON_DB"] = settings.DatabasePath;
        }

        return new AgentMcpServer(self.Program, self.Arguments, environment);
    }
}
