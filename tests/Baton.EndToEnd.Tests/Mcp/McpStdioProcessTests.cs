using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary><c>baton mcp</c> as a process: what it prints, how it ends, and the seed's ORCHESTR8_* configuration.</summary>
public sealed class McpStdioProcessTests : IDisposable
{
    private readonly McpHarness harness = new();

    [Fact]
    public async Task BareExecutable_WithTheSeedsOrchestr8Environment_IsTheStdioServerOnThatDatabase()
    {
        var database = Path.Combine(harness.Home.Dir, "seed", "orchestr8.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await using var server = RawStdioServer.Start(harness, [], new Dictionary<string, string>
        {
            ["ORCHESTR8_MODE"] = "mcp",
            ["ORCHESTR8_DB_PATH"] = database,
            ["ORCHESTR8_WORKERS"] = "3",
        });

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"seed","version":"1"}}}""");
        var initialized = await server.ResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"workflow_create","arguments":{"name":"seeded"}}}""");
        var created = await server.ResponseAsync(2);
        await server.SendAsync("not json");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"task_status","arguments":{"task_id":"abcdefghjkmn"}}}""");
        var missing = await server.ResponseAsync(3);
        var exit = await server.CloseAsync();

        Assert.Equal("baton", initialized["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("2025-06-18", initialized["result"]!["protocolVersion"]!.GetValue<string>());
        Assert.NotNull(created["result"]!["structuredContent"]!["workflow_id"]);
        Assert.True(missing["result"]!["isError"]!.GetValue<bool>());
        Assert.Equal(0, exit);
        // Only protocol messages on stdout; the store is the seed's database file.
        Assert.All(server.Lines, line => Assert.Equal("2.0", JsonNode.Parse(line)!["jsonrpc"]!.GetValue<string>()));
        Assert.True(File.Exists(database));
        Assert.Contains("seeded", StoreSnapshot.Take(database), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareExecutable_WithAnUnknownOrchestr8Mode_FailsWithAMessage()
    {
        await using var server = RawStdioServer.Start(harness, [], new Dictionary<string, string> { ["ORCHESTR8_MODE"] = "batch" });

        var exit = await server.CloseAsync();

        Assert.Equal(2, exit);
        Assert.Empty(server.Lines);
        Assert.Contains("ORCHESTR8_MODE must be mcp", server.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();
}
