using System.Text.Json;
using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

public sealed class AgentListViewTests : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Serialize_Catalog_UsesSnakeCaseAndHidesEnvironmentValues()
    {
        var dir = root.File("agents");
        AgentFiles.Write(dir, "a.md", AgentFiles.Valid("secretive", "disallowedTools: Write\nenv:\n  API_TOKEN: hunter2\n"));
        AgentFiles.Write(dir, "b.md", "no front matter");
        var catalog = AgentCatalog.Load([new(dir, AgentSource.Project), new(root.File("missing"), AgentSource.User)]);

        var json = JsonSerializer.Serialize(AgentListView.Of(catalog), AgentListJsonContext.Default.AgentListView);

        using var document = JsonDocument.Parse(json);
        var agent = document.RootElement.GetProperty("agents")[0];
        Assert.Equal("secretive", agent.GetProperty("name").GetString());
        Assert.Equal("project", agent.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, agent.GetProperty("tools").ValueKind);
        Assert.Equal("Write", agent.GetProperty("disallowed_tools")[0].GetString());
        Assert.Equal("API_TOKEN", agent.GetProperty("environment_keys")[0].GetString());
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        var problem = document.RootElement.GetProperty("problems")[0];
        Assert.Equal(1, problem.GetProperty("line").GetInt32());
        Assert.EndsWith("b.md", problem.GetProperty("file").GetString(), StringComparison.Ordinal);
        var directories = document.RootElement.GetProperty("directories");
        Assert.True(directories[0].GetProperty("exists").GetBoolean());
        Assert.Equal("user", directories[1].GetProperty("source").GetString());
        Assert.False(directories[1].GetProperty("exists").GetBoolean());
    }
}
