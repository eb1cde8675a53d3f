using Baton.Core.Errors;
using Baton.Core.Runners.Command;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

public sealed class WorkflowDocumentToBlueprintTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public void ToBlueprint_TaskKeys_BecomeTheNewTaskIds()
    {
        var document = Parse("""
            name: Keys
            phases:
              - id: design
                tasks:
                  - { id: arch, agent_name: architect, agent_instructions: Design }
              - id: build
                name: Build
                depends_on: [design]
                tasks:
                  - { id: api, command: "true" }
                  - { name: smoke, command: "true", depends_on: [arch, api] }
            """);

        var blueprint = Blueprint(document);

        Assert.Equal(3, blueprint.Tasks.Select(t => t.Id).Distinct().Count());
        Assert.All(blueprint.Tasks, t => Assert.Equal(12, t.Id.Length));
        var (arch, api, smoke) = (blueprint.Tasks[0], blueprint.Tasks[1], blueprint.Tasks[2]);
        Assert.Equal([arch.Id, api.Id], smoke.Definition.DependsOn);
        Assert.Empty(arch.Definition.DependsOn);
        Assert.Equal(("design", "build", "build"), (arch.Definition.PhaseId, api.Definition.PhaseId, smoke.Definition.PhaseId));
        Assert.All(blueprint.Tasks, t => Assert.Equal(blueprint.Workflow.Id, t.Definition.WorkflowId));
        WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
    }

    [Fact]
    public void ToBlueprint_Phases_KeepOrderAndDefaultTheirNameToTheId()
    {
        var blueprint = Blueprint(Parse("""
            name: Phases
            phases:
              - { id: design, tasks: [{ command: "true" }] }
              - { id: build, name: Build it, depends_on: [design], tasks: [{ command: "true" }] }
            """));

        Assert.Equal(
            [("design", "design", 0, WorkflowState.Draft), ("build", "Build it", 1, WorkflowState.Draft)],
            blueprint.Phases.Select(p => (p.PhaseId, p.Name, p.Position, p.Status)));
        Assert.Equal(["design"], blueprint.Phases[1].DependsOn);
    }

    [Fact]
    public void ToBlueprint_UnknownTaskKey_ErrorNamesTaskKeyAndTheKeysThatExist()
    {
        var document = Parse("""
            name: Keys
            phases:
              - id: p
                tasks:
                  - { id: arch, command: "true" }
                  - { id: api, command: "true" }
                  - name: smoke
                    command: "true"
                    depends_on: [arhc]
            """);

        var error = Assert.Throws<BatonException>(() => Blueprint(document));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal("test.yaml:7: task 'smoke' depends on 'arhc', which is not the id of a task in this file; the task ids are 'arch', 'api'", error.Message);
    }

    [Fact]
    public void ToBlueprint_CommandAndDefaults_BuildTheDefinition()
    {
        var definition = Blueprint(Parse("""
            name: Build
            defaults: { timeout_seconds: 30, max_retries: 0, working_directory: sub }
            phases:
              - id: p
                tasks: [{ name: hello, command: "echo hi", env: { X: "1" } }]
            """)).Tasks[0].Definition;

        Assert.Equal(CommandRunner.RunnerName, definition.Runner);
        Assert.Equal(("sh", "hello"), (definition.Program, definition.Name));
        Assert.Equal(["-c", "echo hi"], definition.Arguments);
        Assert.Equal((30, 0), (definition.TimeoutSeconds, definition.MaxRetries));
        Assert.Equal(Path.Combine(directory.Path, "sub"), definition.WorkingDirectory);
        Assert.Equal("1", definition.Environment["X"]);
    }

    [Fact]
    public void ToBlueprint_AgentTask_ResolvesTheAgent()
    {
        var definition = Blueprint(Parse("""
            name: Agent
            phases:
              - id: p
                tasks: [{ agent_name: architect, agent_instructions: Design it }]
            """)).Tasks[0].Definition;

        Assert.Equal(("claude", "architect", "Design it"), (definition.Runner, definition.AgentName, definition.Instructions));
        Assert.Equal("You are architect.", definition.Agent!.SystemPrompt);
    }

    [Fact]
    public void ToBlueprint_BuilderRefusesATask_ErrorKeepsItsKindAndNamesTheTask()
    {
        var document = Parse("""
            name: Agent
            phases:
              - id: p
                tasks: [{ name: review, agent_name: nobody, agent_instructions: Review }]
            """);
        var builder = new Baton.Core.Application.TaskRequestBuilder((name, _) => throw BatonException.NotFound($"unknown agent '{name}'"), directory.Path);

        var error = Assert.Throws<BatonException>(() => document.ToBlueprint(Workflow(document.Settings), builder));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("test.yaml:4: task 'review': unknown agent 'nobody'", error.Message);
    }

    public void Dispose() => directory.Dispose();

    private WorkflowBlueprint Blueprint(Baton.Core.Workflows.Files.WorkflowDocument document) =>
        document.ToBlueprint(Workflow(document.Settings), Builder(directory.Path));
}
