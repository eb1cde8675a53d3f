using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Errors;

namespace Baton.Mcp.Setup;

/// <summary>
/// A project's <c>.mcp.json</c> (Claude Code's project scope): Baton's entry is added or replaced; every other server
/// and key is kept; a file that is not a JSON object with an object of servers is refused, never overwritten.
/// </summary>
internal static class ProjectMcpConfig
{
    public const string FileName = ".mcp.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static McpSetupOutcome Write(string path, McpServerEntry entry)
    {
        var root = Read(path);
        if (root["mcpServers"] is null)
        {
            root["mcpServers"] = new JsonObject();
        }

        if (root["mcpServers"] is not JsonObject servers)
        {
            throw BatonException.Invalid($"{path}: \"mcpServers\" is not an object; fix the file (or move it away) and run this again");
        }

        var wanted = entry.ToJson();
        var existing = servers[McpServerEntry.ServerName];
        if (existing is not null && JsonNode.DeepEquals(existing, wanted))
        {
            return McpSetupOutcome.Unchanged;
        }

        servers[McpServerEntry.ServerName] = wanted;
        // Written next to the file and moved over it, so a crash never leaves half a file.
        var temporary = $"{path}.baton-{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, root.ToJsonString(Indented) + "\n", new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
        return existing is null ? McpSetupOutcome.Added : McpSetupOutcome.Updated;
    }

    private static JsonObject Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var text = File.ReadAllText(path);
            return string.IsNullOrWhiteSpace(text)
                ? []
                : JsonNode.Parse(text) as JsonObject ?? throw BatonException.Invalid($"{path} is not a JSON object; fix the file (or move it away) and run this again");
        }
        catch (JsonException ex)
        {
            throw BatonException.Invalid($"{path} is not valid JSON ({ex.Message.TrimEnd('.')}); it was left as it is: fix it (or move it away) and run this again");
        }
    }
}
