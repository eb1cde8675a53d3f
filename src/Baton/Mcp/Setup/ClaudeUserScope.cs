using Baton.Core.Errors;
using Baton.Core.Processes;

namespace Baton.Mcp.Setup;

/// <summary>
/// Claude Code's user scope (all of a user's projects) lives in <c>~/.claude.json</c>, a file Claude Code itself keeps
/// rewriting; so Baton does not edit it but asks Claude Code to, with <c>claude mcp add --scope user</c>.
/// </summary>
internal static class ClaudeUserScope
{
    private const string Scope = "user";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<McpSetupOutcome> AddAsync(McpServerEntry entry, CancellationToken cancellationToken = default)
    {
        var directory = Environment.CurrentDirectory;
        var claude = ProgramResolver.Resolve("claude", directory, Environment.GetEnvironmentVariable("PATH"), out _)
            ?? throw new BatonException(ErrorKind.Unavailable, $"'claude' is not on PATH; once it is, run: {entry.ClaudeMcpAddLine(Scope)}");
        if (await RunAsync(claude, entry.ClaudeMcpAdd(Scope), directory, cancellationToken) == 0)
        {
            return McpSetupOutcome.Added;
        }

        // Most likely a baton entry exists already ("claude mcp add" refuses to replace one): replace it.
        await RunAsync(claude, ["mcp", "remove", "--scope", Scope, McpServerEntry.ServerName], directory, cancellationToken);
        return await RunAsync(claude, entry.ClaudeMcpAdd(Scope), directory, cancellationToken) == 0
            ? McpSetupOutcome.Updated
            : throw new BatonException(ErrorKind.Unavailable, $"'{claude} mcp add' failed; run it yourself to see why: {entry.ClaudeMcpAddLine(Scope)}");
    }

    private static async Task<int> RunAsync(string claude, IReadOnlyList<string> arguments, string directory, CancellationToken cancellationToken) =>
        await CapturedCommand.RunAsync(claude, arguments, directory, Limit, cancellationToken) is { } run ? run.ExitCode : -1;
}
