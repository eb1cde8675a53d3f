using Baton.Configuration;

namespace Baton.Mcp;

/// <summary>
/// What the MCP tools and resources work with: the application layer every front end uses, the stores the resource
/// watcher reads, and what differs between the stdio server (a process in the user's project) and the daemon's
/// /mcp endpoint.
/// </summary>
internal sealed record McpBackend
{
    public required BatonSettings Settings { get; init; }

    /// <summary>
    /// The application layer, once the store is open and checked. The stdio server opens it while it answers
    /// <c>initialize</c> (which needs no store), so that an MCP client waits less for it to start.
    /// </summary>
    public required Task<McpServices> Services { get; init; }

    /// <summary>
    /// Where tasks run by default and relative working directories start: the stdio server's current directory (Claude
    /// Code starts it in the project). Null over HTTP, where the daemon cannot know the caller's project, so a task
    /// needs an absolute working_directory.
    /// </summary>
    public string? DefaultDirectory { get; init; }

    /// <summary>Who acts when the transport names nobody: <c>mcp:USER</c> on stdio.</summary>
    public required McpCaller DefaultCaller { get; init; }

    /// <summary>Makes sure a daemon runs what is queued: stdio starts one if none is alive; the daemon itself has nothing to do.</summary>
    public required Func<CancellationToken, Task> EnsureDaemonAsync { get; init; }

    /// <summary>PATH used to check a task's program (the front end's own).</summary>
    public string? SearchPath { get; init; }

    public required TimeProvider Time { get; init; }
}
