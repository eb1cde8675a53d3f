using System.Text.Json.Nodes;
using Baton.Daemon;

namespace Baton.Mcp.Setup;

/// <summary>How an MCP client starts Baton's stdio server: this very executable with <c>mcp</c>.</summary>
/// <param name="Command">The absolute path of the baton executable (or of dotnet, when run as <c>dotnet baton.dll</c>).</param>
/// <param name="Arguments"><c>mcp</c>, after the assembly's path when run through dotnet.</param>
internal sealed record McpServerEntry(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>The name the entry has in the client's configuration.</summary>
    public const string ServerName = "baton";

    public static McpServerEntry ForThisExecutable()
    {
        var (program, arguments) = DaemonLauncher.SelfCommand(["mcp"]);
        return new McpServerEntry(program, arguments);
    }

    /// <summary>The entry as Claude Code writes it into <c>.mcp.json</c> and <c>~/.claude.json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["type"] = "stdio",
        ["command"] = Command,
        ["args"] = new JsonArray([.. Arguments.Select(a => (JsonNode)a)]),
        ["env"] = new JsonObject(),
    };

    /// <summary>The arguments of <c>claude mcp add</c> that add this entry in <paramref name="scope"/>.</summary>
    public IReadOnlyList<string> ClaudeMcpAdd(string scope) => ["mcp", "add", "--scope", scope, ServerName, "--", Command, .. Arguments];

    /// <summary>The same as a command line to paste into a shell.</summary>
    public string ClaudeMcpAddLine(string scope) => string.Join(' ', ClaudeMcpAdd(scope).Prepend("claude").Select(ShellQuote));

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or '@' or ',')
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
