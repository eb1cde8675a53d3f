using Baton.Core.Errors;
using Baton.Core.Initiatives;
using Baton.Core.Initiatives.Files;
using Baton.Core.Tests.Workflows.Files;

namespace Baton.Core.Tests.Initiatives;

public sealed class InitiativeFileTests
{
    private const string Valid = """
        name: checkout
        repository: ../shop
        base: main
        max_parallel: 3
        streams:
          - id: core
            name: Shared types
            phase: foundation
            tasks:
              - command: make schema
              - agent_name: architect
                agent_instructions: Write the types
          - id: api
            phase: parallel
            tasks:
              - command: [make, api]
                timeout_seconds: 600
          - id: ui
            phase: parallel
            depends_on: [api]
            tasks:
              - command: make ui
          - id: docs
            phase: integration
            tasks:
              - command: make docs
        """;

    [Fact]
    public void Parse_ValidFile_ReadsStreamsInOrderWithTheirTasks()
    {
        var document = InitiativeFile.Parse(Valid, "plan.yaml");

        Assert.Equal(("checkout", "../shop", "main", 3), (document.Name, document.Repository, document.Base, document.MaxParallel));
        Assert.Equal(["core", "api", "ui", "docs"], document.Streams.Select(s => s.Id));
        Assert.Equal(["Shared types", "api"], document.Streams.Take(2).Select(s => s.Name));
        Assert.Equal([StreamPhase.Foundation, StreamPhase.Parallel, StreamPhase.Parallel, StreamPhase.Integration], document.Streams.Select(s => s.Phase));
        Assert.Equal(["api"], document.Streams[2].DependsOn);
        Assert.Equal(2, document.Streams[0].Tasks.Count);
        Assert.Equal("plan.yaml:6", document.Streams[0].Location);
        Assert.Equal(600, document.Streams[1].Tasks[0].Request.TimeoutSeconds);
    }

    [Fact]
    public void ToDefinition_Tasks_WorkInTheRepositoryWithTheirAgentsResolved()
    {
        var definition = InitiativeFile.Parse(Valid, "plan.yaml").ToDefinition("/repo", WorkflowFiles.Builder("/repo"));

        Assert.Equal("/repo", definition.Repository);
        Assert.All(definition.Streams.SelectMany(s => s.Tasks), t => Assert.Equal("/repo", t.WorkingDirectory));
        var agent = definition.Streams[0].Tasks[1];
        Assert.Equal(("architect", "Write the types"), (agent.AgentName, agent.Instructions));
        Assert.Equal(["sh", "-c", "make schema"], [definition.Streams[0].Tasks[0].Program!, .. definition.Streams[0].Tasks[0].Arguments]);
    }

    [Fact]
    public void Parse_NoMaxParallel_TakesTheConfiguredDefault()
    {
        var document = InitiativeFile.Parse(Valid.Replace("max_parallel: 3\n", string.Empty, StringComparison.Ordinal), "plan.yaml", defaultMaxParallel: 7);

        Assert.Equal(7, document.MaxParallel);
    }

    [Theory]
    [InlineData("phase: foundation", "phase: parallel", "plan.yaml: the initiative has no foundation stream")]
    [InlineData("depends_on: [api]", "depends_on: [payments]", "plan.yaml:18: stream 'ui' depends on 'payments', which is not a stream of this initiative")]
    [InlineData("- id: ui", "- id: api", "plan.yaml:18: streams[2].id: stream id 'api' is also used by streams[1] (line 13)")]
    [InlineData("- id: ui", "- id: integration", "plan.yaml:18: stream id 'integration' is taken by the initiative's own branch")]
    [InlineData("- id: ui", "- id: 'ui pages'", "plan.yaml:18: stream id 'ui pages' is not valid: it names a git branch")]
    [InlineData("name: checkout", "name: check/out", "plan.yaml:1: initiative name 'check/out' is not valid")]
    [InlineData("phase: integration", "phase: later", "streams[3].phase 'later' is not one of foundation, parallel, integration")]
    [InlineData("max_parallel: 3", "max_parallel: 1", "plan.yaml:18: the initiative has 2 parallel streams (api, ui); at most 1 may run side by side")]
    public void Parse_BrokenRule_NamesFileLineAndProblem(string find, string replace, string expected)
    {
        var error = Assert.Throws<BatonException>(() => InitiativeFile.Parse(Valid.Replace(find, replace, StringComparison.Ordinal), "plan.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Cycle_PrintsTheCycleWithArrows()
    {
        var yaml = Valid.Replace("    phase: parallel\n    tasks:\n      - command: [make, api]", "    phase: parallel\n    depends_on: [ui]\n    tasks:\n      - command: [make, api]", StringComparison.Ordinal);

        var error = Assert.Throws<BatonException>(() => InitiativeFile.Parse(yaml, "plan.yaml"));

        Assert.Contains("streams depend on each other in a cycle: ", error.Message, StringComparison.Ordinal);
        Assert.Matches("(api → ui → api|ui → api → ui)", error.Message);
    }

    [Fact]
    public void Parse_StreamWithoutTasks_IsRefusedAtItsLine()
    {
        var yaml = Valid.Replace("    tasks:\n      - command: make docs", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<BatonException>(() => InitiativeFile.Parse(yaml, "plan.yaml"));

        Assert.StartsWith("plan.yaml:23: stream 'docs' has no tasks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TaskWithDependsOn_IsRefusedBecauseStreamTasksRunInOrder()
    {
        var yaml = Valid.Replace("      - command: make ui\n", "      - command: make ui\n        depends_on: [x]\n", StringComparison.Ordinal);

        var error = Assert.Throws<BatonException>(() => InitiativeFile.Parse(yaml, "plan.yaml"));

        Assert.Contains("a stream's tasks run one after another in order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_IsRefused()
    {
        var error = Assert.Throws<BatonException>(() => InitiativeFile.Parse(Valid.Replace("base: main", "branch: main", StringComparison.Ordinal), "plan.yaml"));

        Assert.StartsWith("plan.yaml:3:", error.Message, StringComparison.Ordinal);
    }
}
