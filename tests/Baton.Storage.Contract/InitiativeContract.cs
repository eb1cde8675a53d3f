using Baton.Core.Initiatives;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>
/// Initiatives: added once by name, read back as written (streams, tasks and all); the definition changes only until
/// it starts; the workflow is recorded once (the same id again is fine, another is refused); archived ones leave lists.
/// </summary>
public abstract class InitiativeContract : StoreContract, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ContractTimes.Now;
    private StoreUnderTest opened = null!;
    private IInitiativeStore initiatives = null!;

    public async Task InitializeAsync()
    {
        opened = await OpenAsync();
        initiatives = opened.Initiatives;
    }

    public async Task DisposeAsync() => await opened.DisposeAsync();

    [Fact]
    public async Task AddAsync_NewName_IsReadBackAsWrittenByIdAndName()
    {
        var initiative = Initiative("ini_000000000001", "checkout");

        Assert.True(await initiatives.AddAsync(initiative));

        var byId = await initiatives.GetAsync(initiative.Id);
        var byName = await initiatives.GetByNameAsync("checkout");
        Assert.NotNull(byId);
        Assert.NotNull(byName);
        Assert.Equal(InitiativeJson.Write(initiative.Definition), InitiativeJson.Write(byId.Definition));
        Assert.Equal((initiative.Id, Now, "cli:alice", (string?)null, (DateTimeOffset?)null), (byId.Id, byId.CreatedAt, byId.CreatedBy, byId.WorkflowId, byId.ArchivedAt));
        Assert.Equal(initiative.Id, byName.Id);
        var task = byId.Definition.Streams[1].Tasks[0];
        Assert.Equal(("claude", "reviewer", "Review the API", TaskPriority.High), (task.Runner, task.AgentName, task.Instructions, task.Priority));
        Assert.Equal("sonnet", task.Agent!.Model);
        Assert.Equal(["core"], byId.Definition.Streams[1].DependsOn);
        Assert.Equal(StreamPhase.Parallel, byId.Definition.Streams[1].Phase);
    }

    [Fact]
    public async Task AddAsync_NameTaken_IsRefusedAndKeepsTheFirst()
    {
        await initiatives.AddAsync(Initiative("ini_000000000001", "checkout"));

        Assert.False(await initiatives.AddAsync(Initiative("ini_000000000002", "checkout")));
        Assert.Null(await initiatives.GetAsync("ini_000000000002"));
    }

    [Fact]
    public async Task GetAsync_Unknown_IsNull()
    {
        Assert.Null(await initiatives.GetAsync("ini_000000000009"));
        Assert.Null(await initiatives.GetByNameAsync("nothing"));
    }

    [Fact]
    public async Task UpdateDefinitionAsync_BeforeAndAfterStart_ChangesOnlyBefore()
    {
        var initiative = Initiative("ini_000000000001", "checkout");
        await initiatives.AddAsync(initiative);
        var oneStream = initiative.Definition with { Streams = [initiative.Definition.Streams[0]] };

        Assert.True(await initiatives.UpdateDefinitionAsync(initiative.Id, oneStream));
        Assert.Single((await initiatives.GetAsync(initiative.Id))!.Definition.Streams);

        Assert.True(await initiatives.SetWorkflowAsync(initiative.Id, "wf0000000001"));
        Assert.False(await initiatives.UpdateDefinitionAsync(initiative.Id, initiative.Definition));
        Assert.Single((await initiatives.GetAsync(initiative.Id))!.Definition.Streams);
    }

    [Fact]
    public async Task SetWorkflowAsync_SameIdAgain_IsAcceptedAndAnotherRefused()
    {
        var initiative = Initiative("ini_000000000001", "checkout");
        await initiatives.AddAsync(initiative);

        Assert.True(await initiatives.SetWorkflowAsync(initiative.Id, "wf0000000001"));
        Assert.True(await initiatives.SetWorkflowAsync(initiative.Id, "wf0000000001"));
        Assert.False(await initiatives.SetWorkflowAsync(initiative.Id, "wf0000000002"));
        Assert.False(await initiatives.SetWorkflowAsync("ini_000000000009", "wf0000000001"));
        Assert.Equal("wf0000000001", (await initiatives.GetAsync(initiative.Id))!.WorkflowId);
    }

    [Fact]
    public async Task ListAsync_Archived_LeavesTheListUnlessAskedForAndComesBackOnUnarchive()
    {
        await initiatives.AddAsync(Initiative("ini_000000000001", "older", Now));
        await initiatives.AddAsync(Initiative("ini_000000000002", "newer", Now.AddMinutes(1)));

        Assert.Equal(["newer", "older"], (await initiatives.ListAsync(includeArchived: false)).Select(i => i.Name));
        Assert.True(await initiatives.SetArchivedAsync("ini_000000000002", Now.AddHours(1)));
        Assert.Equal(["older"], (await initiatives.ListAsync(includeArchived: false)).Select(i => i.Name));
        Assert.Equal(["newer", "older"], (await initiatives.ListAsync(includeArchived: true)).Select(i => i.Name));
        Assert.Equal(Now.AddHours(1), (await initiatives.GetAsync("ini_000000000002"))!.ArchivedAt);

        Assert.True(await initiatives.SetArchivedAsync("ini_000000000002", null));
        Assert.Equal(["newer", "older"], (await initiatives.ListAsync(includeArchived: false)).Select(i => i.Name));
        Assert.False(await initiatives.SetArchivedAsync("ini_000000000009", Now));
    }

    private static InitiativeRecord Initiative(string id, string name, DateTimeOffset? createdAt = null)
    {
        var command = new TaskDefinition { Name = "schema", Runner = "command", Program = "make", Arguments = ["schema"], WorkingDirectory = "/repo" };
        var agent = new TaskDefinition
        {
            Name = "review",
            Runner = "claude",
            AgentName = "reviewer",
            Instructions = "Review the API",
            Agent = new AgentSpec { Name = "reviewer", Model = "sonnet" },
            WorkingDirectory = "/repo",
            Priority = TaskPriority.High,
            Metadata = new Dictionary<string, string> { ["ticket"] = "42" },
        };
        var streams = new List<StreamDefinition>
        {
            new("core", "Core", StreamPhase.Foundation, [], [command]),
            new("api", "API", StreamPhase.Parallel, ["core"], [agent]),
        };
        return new InitiativeRecord(id, new InitiativeDefinition(name, "/repo", "main", 5, streams), null, createdAt ?? Now, "cli:alice", null);
    }
}
