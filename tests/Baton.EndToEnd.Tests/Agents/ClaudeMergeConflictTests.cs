using System.Text.Json;
using Baton.AgentCli.Tests.Fakes;
using Baton.Core.Initiatives;
using Baton.Core.Worktrees;
using Baton.EndToEnd.Tests.Harness;
using static Baton.EndToEnd.Tests.Initiatives.GitRepository;
using static Baton.EndToEnd.Tests.Workflows.WorkflowHarness;

namespace Baton.EndToEnd.Tests.Agents;

/// <summary>
/// An initiative whose two streams change the same line: the person hands the merge conflict to an agent, the real
/// Claude Code CLI (on a scripted model) settles it in the integration worktree, and the merge commits.
/// </summary>
public sealed class ClaudeMergeConflictTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private ClaudeAgentHarness harness = null!;

    public async Task InitializeAsync() => harness = await ClaudeAgentHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task MergeConflict_HandedToAnAgentOnAOneSlotNode_AgentSettlesItAndTheInitiativeCompletes()
    {
        var repository = harness.Work;
        Git(repository, "init", "-q", "-b", "main");
        harness.DefineAgent("fixer", "tools: Bash, Read\nmodel: sonnet");
        await File.WriteAllTextAsync(Path.Combine(repository, "README.md"), "start\n");
        Git(repository, "add", ".");
        Git(repository, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "start with the fixer agent");
        const string Commit = "git -c user.name=t -c user.email=t@e commit -qam";
        await File.WriteAllTextAsync(Path.Combine(repository, "plan.yaml"), $$"""
            name: shop
            repository: {{repository}}
            streams:
              - id: core
                name: Core
                phase: foundation
                tasks:
                  - command: "true"
              - id: a
                name: Stream A
                phase: parallel
                tasks:
                  - command: printf 'from a\n' > README.md && {{Commit}} a
              - id: c
                name: Stream C
                phase: parallel
                tasks:
                  - command: printf 'from c\n' > README.md && {{Commit}} c
              - id: check
                name: Check
                phase: integration
                tasks:
                  - command: cat README.md
            """);
        // One slot: the merge waits on the agent's task, which still runs because a merge takes no slot.
        using var daemon = await harness.StartDaemonAsync(workers: 1);
        var run = await harness.Home.RunAsync("initiative", "run", Path.Combine(repository, "plan.yaml"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var initiativeId = run.Stdout.Trim();
        var conflict = default(JsonElement);
        await Eventually.True(
            async () =>
            {
                var open = (await harness.Home.RunAsync("inbox", "--json")).Json.GetProperty("interactions").EnumerateArray()
                    .Where(i => i.GetProperty("kind").GetString() == "merge_conflict").ToList();
                conflict = open.Count > 0 ? open[0].Clone() : default;
                return open.Count > 0;
            },
            Deadline,
            "the merge to ask about the conflict");
        var interactionId = conflict.GetProperty("interaction_id").GetString()!;
        Assert.Contains($"baton task answer {interactionId} agent NAME [instructions]", conflict.GetProperty("answer_with").EnumerateArray().Select(a => a.GetString()));

        var misspelt = await harness.Home.RunAsync("task", "answer", interactionId, "agent", "fixr");
        Assert.True(misspelt.ExitCode != 0, misspelt.ToString());
        Assert.Contains("fixr", misspelt.Stderr, StringComparison.Ordinal);
        var neither = await harness.Home.RunAsync("task", "answer", interactionId, "done");
        Assert.True(neither.ExitCode == 2, neither.ToString());
        Assert.Contains("'resolved', 'abort' or 'agent NAME [instructions]'", neither.Stderr, StringComparison.Ordinal);

        harness.Server.Enqueue(
            ScriptedTurn.Bash("printf 'from a\\nfrom c\\n' > README.md && git add README.md"),
            ScriptedTurn.Text("README.md keeps both lines and is staged."));
        var handed = await harness.Home.RunAsync("task", "answer", interactionId, "agent", "fixer", "keep", "both", "lines");
        Assert.True(handed.ExitCode == 0, handed.ToString());

        var workflowId = (await harness.Home.RunAsync("initiative", "status", initiativeId, "--json")).Json.GetProperty("workflow_id").GetString()!;
        var workflow = await WaitEndedAsync(harness.Home, workflowId, Deadline);

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        var integration = GitWorktrees.NamedPathFor(Path.Combine(harness.Home.Dir, "worktrees"), InitiativeBranches.Integration("shop"));
        Assert.Equal("from a\nfrom c\n", await File.ReadAllTextAsync(Path.Combine(integration, "README.md")));
        Assert.Equal(2, Git(integration, "log", "--merges", "--format=%s").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // The agent's work is a task of its own: tagged, in the worktree, for the agent named, answered by whoever handed it over.
        var helpers = (await harness.Home.RunAsync("task", "list", "--tag", "helper", "--json")).Json.EnumerateArray().ToList();
        var helper = Assert.Single(helpers);
        Assert.Equal("completed", helper.GetProperty("status").GetString());
        Assert.Equal("fixer", helper.GetProperty("agent_name").GetString());
        Assert.Equal(integration, helper.GetProperty("working_directory").GetString());
        // The model was told which files, what done means, and what the person added.
        var prompt = string.Join("\n", harness.Server.Turns[0].Texts);
        Assert.Contains("- README.md", prompt, StringComparison.Ordinal);
        Assert.Contains("keep both lines", prompt, StringComparison.Ordinal);
        var mergeLog = await harness.Home.RunAsync("task", "logs", InitiativePlanner.MergeTaskId(initiativeId));
        Assert.Contains($"to agent fixer (task {helper.GetProperty("task_id").GetString()})", mergeLog.Stdout, StringComparison.Ordinal);
    }
}
