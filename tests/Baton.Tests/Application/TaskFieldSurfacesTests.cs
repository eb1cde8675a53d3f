using System.CommandLine;
using System.Text.Json;
using Baton.Cli.Commands;
using Baton.Configuration;
using Baton.Core.Application.Fields;
using Baton.Core.Errors;
using Baton.Core.Workflows.Files;
using Baton.Mcp;
using Baton.Mcp.Tools;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Tests.Application;

/// <summary>Walks the task fields' one descriptor and proves that the CLI, the MCP tools and workflow files each take every field, by its name and with its limits.</summary>
public sealed class TaskFieldSurfacesTests
{
    public static TheoryData<string> McpTools => new() { TaskAsyncTool.ToolName, WorkflowAddTaskTool.ToolName };

    public static TheoryData<string> Fields => [.. TaskFields.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(McpTools))]
    public void McpInputSchema_OfEachTaskTool_HasEveryFieldWithItsNameKindAndLimits(string tool)
    {
        var properties = Schema(tool).GetProperty("properties");

        foreach (var field in TaskFields.On(TaskFieldSurfaces.Mcp))
        {
            Assert.True(properties.TryGetProperty(field.Name, out var property), $"{tool} has no argument '{field.Name}'");
            Assert.False(string.IsNullOrWhiteSpace(property.GetProperty("description").GetString()), field.Name);
            switch (field.Kind)
            {
                case TaskFieldKind.Text:
                    Assert.Equal(field.MaxLength, property.GetProperty("maxLength").GetInt32());
                    break;
                case TaskFieldKind.Choice:
                    Assert.Equal(field.Choices, property.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
                    break;
                case TaskFieldKind.Integer:
                    Assert.Equal(field.Minimum, property.GetProperty("minimum").GetInt32());
                    Assert.Equal(field.Maximum, property.GetProperty("maximum").GetInt32());
                    break;
                case TaskFieldKind.Boolean:
                    Assert.Equal("boolean", property.GetProperty("type").GetString());
                    break;
                case TaskFieldKind.Amount:
                    Assert.Equal("number", property.GetProperty("type").GetString());
                    Assert.Equal(TaskFields.MinBudgetUsd, property.GetProperty("minimum").GetDecimal());
                    Assert.Equal(TaskFields.MaxBudgetUsd, property.GetProperty("maximum").GetDecimal());
                    break;
                case TaskFieldKind.TextList:
                    Assert.Equal(field.MaxItems, property.GetProperty("maxItems").GetInt32());
                    Assert.Equal(field.MaxLength, property.GetProperty("items").GetProperty("maxLength").GetInt32());
                    break;
                case TaskFieldKind.TextMap:
                    Assert.Equal(field.MaxItems, property.GetProperty("maxProperties").GetInt32());
                    break;
                case TaskFieldKind.Time:
                    Assert.Equal("date-time", property.GetProperty("format").GetString());
                    break;
            }
        }
    }

    [Fact]
    public void McpInputSchema_OfTaskAsync_RequiresOnlyTheNameSoThatACommandTaskFitsIt()
    {
        Assert.Equal(["name"], Schema(TaskAsyncTool.ToolName).GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("task add")]
    [InlineData("workflow add-task")]
    public void CliCommand_ThatDescribesATask_HasAnOptionForEveryField(string command)
    {
        var cli = command == "task add" ? TaskAddCommand.Create() : WorkflowAddTaskCommand.Create();
        var options = cli.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var field in TaskFields.On(TaskFieldSurfaces.Cli).Where(f => f.OnWorkflowTasks || command == "task add"))
        {
            if (field.CliOption == "--")
            {
                // The program and its arguments come after --, as the command's free arguments.
                Assert.Contains(cli.Arguments, a => a.Name == field.Name);
            }
            else
            {
                Assert.True(options.Contains(field.CliOption), $"baton {command} has no {field.CliOption} for {field.Name}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void WorkflowFile_WithEachFieldOnATask_ReadsItOrRefusesItSayingWhy(string name)
    {
        var field = TaskFields.Named(name);
        var what = field == TaskFields.Command || field == TaskFields.AgentInstructions || field == TaskFields.AgentName
            ? string.Empty
            : "        agent_instructions: \"Say hello\"\n";
        var yaml = $"name: w\nphases:\n  - id: p\n    tasks:\n      - {field.Name}: {Value(field)}\n" + what
            + (field == TaskFields.AgentName ? "        agent_instructions: \"Say hello\"\n" : string.Empty);

        if (!field.OnWorkflowTasks)
        {
            var refused = Assert.Throws<BatonException>(() => WorkflowFile.Parse(yaml, "test.yaml", new Dictionary<string, string>()));
            Assert.Contains($"'{field.Name}' is taken by a task on its own", refused.Message, StringComparison.Ordinal);
            return;
        }

        var task = WorkflowFile.Parse(yaml, "test.yaml", new Dictionary<string, string>()).Phases[0].Tasks[0].Request;

        Assert.NotNull(typeof(Core.Application.TaskRequest).GetProperties().Single(p => Snake(p.Name) == field.Name).GetValue(task));
    }

    [Fact]
    public void WorkflowFile_WithAMisspeltTaskKey_IsRefusedWithTheClosestField()
    {
        const string yaml = "name: w\nphases:\n  - id: p\n    tasks:\n      - command: [true]\n        enviroment: {A: b}\n";

        var error = Assert.Throws<BatonException>(() => WorkflowFile.Parse(yaml, "test.yaml", new Dictionary<string, string>()));

        Assert.StartsWith("test.yaml:6: unknown key 'enviroment' in phases[0].tasks[0]; did you mean 'environment'?", error.Message, StringComparison.Ordinal);
    }

    private static JsonElement Schema(string tool)
    {
        var backend = new McpBackend
        {
            Settings = new BatonSettings { Home = "/nonexistent", DatabasePath = "/nonexistent/baton.db", Engine = new Core.Engine.EngineOptions() },
            Services = Task.FromException<McpServices>(new InvalidOperationException("no store in this test")),
            DefaultDirectory = "/",
            DefaultCaller = McpCaller.StdioUser,
            EnsureDaemonAsync = _ => Task.CompletedTask,
            Time = TimeProvider.System,
        };
        BatonTool instance = tool == TaskAsyncTool.ToolName
            ? new TaskAsyncTool(backend, NullLogger.Instance)
            : new WorkflowAddTaskTool(backend, NullLogger.Instance);
        return instance.ProtocolTool.InputSchema;
    }

    private static string Value(TaskField field) => field.Kind switch
    {
        TaskFieldKind.Choice => field.Choices[0],
        TaskFieldKind.Integer => $"{field.Minimum}",
        TaskFieldKind.Boolean => "true",
        TaskFieldKind.Amount => "2.50",
        TaskFieldKind.TextList => "[echo, hi]",
        TaskFieldKind.TextMap => "{A: b}",
        TaskFieldKind.Time => "2026-11-21T18:00:00Z",
        _ when field == TaskFields.WorkingDirectory => "/tmp",
        _ => "x",
    };

    private static string Snake(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
