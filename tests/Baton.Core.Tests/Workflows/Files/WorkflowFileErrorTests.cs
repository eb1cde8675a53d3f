using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

/// <summary>How an invalid workflow file is refused: an invalid-input error that names the file, the line and the fix.</summary>
public sealed class WorkflowFileErrorTests
{
    [Fact]
    public void Parse_MissingVar_ErrorNamesItWhereItIsUsedAndHowToFixIt()
    {
        var error = Invalid("""
            name: Vars
            phases:
              - id: a
                tasks: [{ command: "true" }]
              - id: b
                tasks:
                  - agent_name: architect
                    agent_instructions: "Design {{ vars.feature }}"
            """);

        Assert.Equal(
            "test.yaml:8: phases[1].tasks[0].agent_instructions uses {{vars.feature}}, which has no value; pass --var feature=VALUE or add it under vars:",
            error.Message);
    }

    [Fact]
    public void Parse_UnknownKey_ErrorNamesKeyLineAndSuggestion()
    {
        var error = Invalid("""
            name: Typo
            phases:
              - id: p
                tasks:
                  - name: t
                    command: "true"
                    timeout: 10
            """);

        Assert.StartsWith("test.yaml:7: unknown key 'timeout' in phases[0].tasks[0]; did you mean 'timeout_seconds'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("description: no name\nphases: []", "test.yaml:1: the workflow has no 'name'")]
    [InlineData("name: x", "test.yaml:1: the workflow has no phases")]
    [InlineData("name: x\nphases: []", "test.yaml:2: the workflow has no phases")]
    [InlineData("name: x\nphases:\n  - name: Design\n    tasks: [{ command: 'true' }]", "test.yaml:3: phases[0] has no 'id'")]
    [InlineData("name: x\nphases:\n  - id: design", "test.yaml:3: phases[0] ('design') has no tasks")]
    [InlineData("name: x\nphases:\n  - id: design\n    tasks: []", "test.yaml:4: phases[0] ('design') has no tasks")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - name: t", "test.yaml:5: phases[0].tasks[0] says nothing to run")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - name: t\n        agent_instructions: hi\n        command: 'true'", "test.yaml:5: phases[0].tasks[0].command: a task runs either an agent")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - agent_name: architect\n        command: 'true'", "test.yaml:5: phases[0].tasks[0].agent_name is set but the task has no agent_instructions")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - command: 'true'\n        timeout_seconds: abc", "test.yaml:6: phases[0].tasks[0].timeout_seconds must be a whole number, found 'abc'")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - command: 'true'\n        retry_on_timeout: maybe", "test.yaml:6: phases[0].tasks[0].retry_on_timeout must be true or false, found 'maybe'")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - command: 'true'\n        tags: { a: b }", "test.yaml:6: phases[0].tasks[0].tags must be a list")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - command: 'true'\n        priority: urgent", "test.yaml:6: phases[0].tasks[0].priority 'urgent' is not one of critical, high, normal, low")]
    [InlineData("name: x\nphases:\n  - id: p\n    tasks:\n      - command: []", "test.yaml:5: phases[0].tasks[0].command is an empty list")]
    [InlineData("name: x\nfailure_policy: stop\nphases: []", "test.yaml:2: failure_policy 'stop' is not one of fail_fast, continue")]
    [InlineData("name: x\nupstream_context: { per_task: 10 }\nphases: []", "test.yaml:2: unknown key 'per_task' in upstream_context")]
    [InlineData("name: x\ndefaults:\n  name: all\nphases: []", "test.yaml:3: 'name' cannot be set under defaults")]
    [InlineData("name: x\nphases: design", "test.yaml:2: phases must be a list of items")]
    [InlineData("name: x\nphases:\n  - design", "test.yaml:3: phases[0] must be a mapping")]
    [InlineData("- name: x", "test.yaml:1: a workflow file must be 'key: value' lines")]
    [InlineData("", "test.yaml: the file is empty")]
    [InlineData("name: x\nname: y", "test.yaml:2: invalid YAML")]
    [InlineData("name: x\nphases: [\n", "test.yaml:2: invalid YAML (column 1): While parsing a node")]
    [InlineData("name: x\nphases: [a,\n  b\ndescription: d\n", "test.yaml:2: invalid YAML: a '[', '{' or quote opened on this line is never closed")]
    [InlineData("name: x\n  bad: indent", "test.yaml:2: invalid YAML")]
    public void Parse_InvalidFile_ErrorStartsWithSourceAndLine(string yaml, string expected)
    {
        var error = Invalid(yaml);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateTaskIds_ErrorNamesBothPlaces()
    {
        var error = Invalid("""
            name: Dup
            phases:
              - id: a
                tasks:
                  - { id: build, command: "true" }
              - id: b
                tasks:
                  - { id: build, command: "true" }
            """);

        Assert.Equal("test.yaml:8: phases[1].tasks[0].id: task id 'build' is also used by phases[0].tasks[0] (line 5); task ids must be unique within a workflow file, so that depends_on names one task", error.Message);
    }

    [Fact]
    public void Parse_DuplicatePhaseIds_ErrorNamesTheLine()
    {
        var error = Invalid("""
            name: Dup
            phases:
              - id: a
                tasks: [{ command: "true" }]
              - id: a
                tasks: [{ command: "true" }]
            """);

        Assert.StartsWith("test.yaml:5: phases[1].id: phase id 'a' is also used by phases[0] (line 3)", error.Message, StringComparison.Ordinal);
    }

    private static Baton.Core.Errors.BatonException Invalid(string yaml)
    {
        var error = Assert.Throws<Baton.Core.Errors.BatonException>(() => Parse(yaml));
        Assert.Equal(Baton.Core.Errors.ErrorKind.InvalidInput, error.Kind);
        return error;
    }
}
