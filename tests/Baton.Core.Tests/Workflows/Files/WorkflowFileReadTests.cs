using Baton.Core.Workflows;
using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

/// <summary>What a valid workflow file reads as: its settings, phases and tasks, commands, defaults, and the vars filled in.</summary>
public sealed class WorkflowFileReadTests
{
    private const string Minimal = """
        name: Minimal
        phases:
          - id: only
            tasks:
              - name: hello
                command: echo hello
        """;

    [Fact]
    public void Parse_MinimalFile_ReadsSettingsAndDefaults()
    {
        var document = Parse(Minimal);

        Assert.Equal("Minimal", document.Settings.Name);
        Assert.Null(document.Settings.Description);
        Assert.Equal(FailurePolicy.FailFast, document.Settings.FailurePolicy);
        Assert.Null(document.Settings.UpstreamLimits);
        var phase = Assert.Single(document.Phases);
        Assert.Equal("only", phase.Id);
        Assert.Null(phase.Name);
        Assert.Empty(phase.DependsOn);
        var task = Assert.Single(phase.Tasks);
        Assert.Null(task.Key);
        Assert.Equal("hello", task.Request.Name);
        Assert.Equal("test.yaml:5", task.Location);
    }

    [Fact]
    public void Parse_AllSettings_ReadsThem()
    {
        var document = Parse("""
            name: All
            description: Everything set
            failure_policy: continue
            upstream_context:
              per_task_bytes: 1024
              total_bytes: 4096
            phases:
              - id: a
                name: Phase A
                tasks: [{ command: "true" }]
              - id: b
                depends_on: [a]
                tasks: [{ command: "true" }]
            """);

        Assert.Equal(new Baton.Core.Application.WorkflowSettings("All", "Everything set", FailurePolicy.Continue, new UpstreamLimits(1024, 4096)), document.Settings);
        Assert.Equal("Phase A", document.Phases[0].Name);
        Assert.Equal(["a"], document.Phases[1].DependsOn);
    }

    [Fact]
    public void Parse_StringCommand_RunsThroughShell()
    {
        var task = Parse(Minimal.Replace("command: echo hello", "command: \"sleep 1 && echo done\"", StringComparison.Ordinal)).Phases[0].Tasks[0];

        Assert.Equal(["sh", "-c", "sleep 1 && echo done"], task.Request.Command);
    }

    [Fact]
    public void Parse_UnnamedStringCommand_IsNamedByItsLine()
    {
        var task = Parse(Minimal.Replace("- name: hello\n        command: echo hello", "- command: \"make test\"", StringComparison.Ordinal)).Phases[0].Tasks[0];

        Assert.Equal("make test", task.Request.Name);
    }

    [Fact]
    public void Parse_ListCommand_IsTheArgvWithoutShell()
    {
        var task = Parse(Minimal.Replace("command: echo hello", "command: [printf, '%s\\n', a b]", StringComparison.Ordinal)).Phases[0].Tasks[0];

        Assert.Equal(["printf", "%s\\n", "a b"], task.Request.Command);
    }

    [Fact]
    public void Parse_AgentTask_ReadsEveryTaskField()
    {
        var task = Parse("""
            name: Agents
            phases:
              - id: p
                tasks:
                  - id: arch
                    name: Architecture
                    agent_name: architect
                    agent_instructions: Design it
                    runner: codex
                    model: opus
                    priority: high
                    timeout_seconds: 600
                    max_retries: 2
                    retry_backoff: fixed
                    retry_on_timeout: true
                    tags: [a, b]
                    metadata: { ticket: T-1 }
                    working_directory: /tmp
                    env: { LEVEL: debug }
                    idempotency_key: arch-1
                    worktree: true
                    keep_worktree: false
            """).Phases[0].Tasks[0];

        Assert.Equal("arch", task.Key);
        var r = task.Request;
        Assert.Equal(("Architecture", "architect", "Design it", "codex", "opus", "high"), (r.Name, r.AgentName, r.AgentInstructions, r.Runner, r.Model, r.Priority));
        Assert.Equal((600, 2, "fixed", true), (r.TimeoutSeconds, r.MaxRetries, r.RetryBackoff, r.RetryOnTimeout));
        Assert.Equal(["a", "b"], r.Tags);
        Assert.Equal("T-1", r.Metadata!["ticket"]);
        Assert.Equal("debug", r.Environment!["LEVEL"]);
        Assert.Equal(("/tmp", "arch-1", true, false), (r.WorkingDirectory, r.IdempotencyKey, r.Worktree, r.KeepWorktree));
        Assert.Null(r.Command);
    }

    [Fact]
    public void Parse_TaskWithIdAndNoName_IsNamedByItsId()
    {
        var task = Parse(Minimal.Replace("- name: hello", "- id: greet", StringComparison.Ordinal)).Phases[0].Tasks[0];

        Assert.Equal(("greet", "greet"), (task.Key, task.Request.Name));
    }

    [Fact]
    public void Parse_VarsFromFile_FillEveryStringValue()
    {
        var document = Parse("""
            name: Build {{vars.feature}}
            vars:
              feature: login
              seconds: 90
            phases:
              - id: p
                tasks:
                  - name: "{{ vars.feature }} task"
                    agent_instructions: "Design {{vars.feature}}, not {{other}} or {{ vars }}"
                    timeout_seconds: "{{vars.seconds}}"
                    tags: ["{{vars.feature}}"]
                    env: { FEATURE: "{{vars.feature}}" }
            """);

        var request = document.Phases[0].Tasks[0].Request;
        Assert.Equal("Build login", document.Settings.Name);
        Assert.Equal("login task", request.Name);
        Assert.Equal("Design login, not {{other}} or {{ vars }}", request.AgentInstructions);
        Assert.Equal(90, request.TimeoutSeconds);
        Assert.Equal(["login"], request.Tags);
        Assert.Equal("login", request.Environment!["FEATURE"]);
    }

    [Fact]
    public void Parse_VarOnCommandLine_WinsOverFile()
    {
        const string Yaml = """
            name: "{{vars.feature}}"
            vars: { feature: login }
            phases:
              - id: p
                tasks: [{ command: "echo {{vars.feature}} {{vars.extra}}" }]
            """;

        var document = Parse(Yaml, ("feature", "signup"), ("extra", "now"));

        Assert.Equal("signup", document.Settings.Name);
        Assert.Equal(["sh", "-c", "echo signup now"], document.Phases[0].Tasks[0].Request.Command);
    }

    [Fact]
    public void Parse_VarValue_IsNotParsedAsYaml()
    {
        var document = Parse(Minimal.Replace("echo hello", "\"echo {{vars.text}}\"", StringComparison.Ordinal), ("text", "a: b\n  - [c"));

        Assert.Equal(["sh", "-c", "echo a: b\n  - [c"], document.Phases[0].Tasks[0].Request.Command);
    }

    [Fact]
    public void Parse_Defaults_AppliedUnlessTheTaskSetsItsOwn()
    {
        var tasks = Parse("""
            name: Defaults
            defaults:
              timeout_seconds: 3600
              priority: low
              tags: [shared]
              env: { A: "1", B: "2" }
              working_directory: /srv
            phases:
              - id: p
                tasks:
                  - name: plain
                    command: "true"
                  - name: own
                    command: "true"
                    timeout_seconds: 60
                    tags: [mine]
                    env: { B: three, C: "4" }
            """).Phases[0].Tasks;

        var plain = tasks[0].Request;
        Assert.Equal((3600, "low", "/srv"), (plain.TimeoutSeconds, plain.Priority, plain.WorkingDirectory));
        Assert.Equal(["shared"], plain.Tags);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, plain.Environment);
        var own = tasks[1].Request;
        Assert.Equal((60, "low"), (own.TimeoutSeconds, own.Priority));
        Assert.Equal(["mine"], own.Tags);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "three", ["C"] = "4" }, own.Environment);
    }
}
