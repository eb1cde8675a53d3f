using System.Text.Json.Nodes;
using Baton.Daemon;

namespace Baton.Mcp.Setup;

/// <summary>How an MCP client starts Baton's stdio server: this very executable with <c>mcp</c>.</summary>
/// <param name="Command">The absolute path of the baton executable (or of dotnet, when run as <c>dotnet baton.dll</c>).</param>
/// <param name="Arguments"><c>mcp</c>, after the assembly's path when run through dotnet.</param>
/// <param name="Environment">The data directory and database the server must use, when they are not the defaults.</param>
internal sealed record McpServerEntry(string Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The name the entry has in the client's configuration.</summary>
    public const string ServerName = "baton";

    /// <summary>
    /// The variables that choose Baton's store. An MCP client starts the server with its own environment, not the
    /// shell's, so a BATON_HOME or BATON_DB set where <c>baton init</c> runs must travel in the entry, or the agent
    /// would queue work into another store than the user's terminal sees.
    /// </summary>
    private static readonly string[] StoreVariables = ["BATON_HOME", "BATON_DB"];

    public static McpServerEntry ForThisExecutable(Func<string, string?>? environment = null)
    {
        var read = environment ?? System.Environment.GetEnvironmentVariable;
        var (program, arguments) = DaemonLauncher.SelfCommand(["mcp"]);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in StoreVariables)
        {
            if (read(name) is { Length: > 0 } value)
            {
                // Absolute, because the client starts the server in a directory of its own choosing.
                variables[name] = value.Contains('=', StringComparison.Ordinal) ? value : Path.GetFullPath(value);
            }
        }

        return new McpServerEntry(program, arguments, variables);
    }

    /// <summary>The entry as Claude Code writes it into <c>.mcp.json</c> and <c>~/.claude.json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["type"] = "stdio",
        ["command"] = Command,
        ["args"] = new JsonArray([.. Arguments.Select(a => (JsonNode)a)]),
        ["env"] = new JsonObject(Environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
    };

    /// <summary>The arguments of <c>claude mcp add</c> that add this entry in <paramref name="scope"/>.</summary>
    public IReadOnlyList<string> ClaudeMcpAdd(string scope) =>
        ["mcp", "add", "--scope", scope, ServerName, .. Environment.SelectMany(e => new[] { "-e", $"{e.Key}={e.Value}" }), "--", Command, .. Arguments];

    /// <summary>The same as a command line to paste into a shell.</summary>
    public string ClaudeMcpAddLine(string scope) => string.Join(' ', ClaudeMcpAdd(scope).Prepend("claude").Select(ShellQuote));

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or '@' or ',')
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
