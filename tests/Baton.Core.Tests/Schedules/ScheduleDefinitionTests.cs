using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Schedules;
using static Baton.Core.Tests.Schedules.Schedules;

namespace Baton.Core.Tests.Schedules;

public sealed class ScheduleDefinitionTests
{
    [Theory]
    [InlineData("Nightly", "is not a schedule name")]
    [InlineData("", "is not a schedule name")]
    public void From_BadName_IsRefused(string name, string expected) =>
        Assert.Contains(expected, Assert.Throws<BatonException>(() => ScheduleDefinition.From(Spec(name))).Message, StringComparison.Ordinal);

    [Fact]
    public void From_NoTask_SaysHowToGiveOne()
    {
        var error = Assert.Throws<BatonException>(() => ScheduleDefinition.From(Spec() with { Task = new TaskRequest() }));

        Assert.Contains("--agent NAME --prompt TEXT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TaskAndWorkflow_IsRefused()
    {
        var error = Assert.Throws<BatonException>(() => ScheduleDefinition.From(Spec() with { Workflow = new ScheduleWorkflow { Source = "name: x" } }));

        Assert.Contains("either a task or a workflow, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_WorkflowWithoutSource_SaysToGiveTheFile()
    {
        var error = Assert.Throws<BatonException>(() => ScheduleDefinition.From(Spec() with { Task = null, Workflow = new ScheduleWorkflow { Source = " " } }));

        Assert.Contains("--workflow FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_WorkflowOnly_IsAcceptedAndKeptInTheSpec()
    {
        var definition = ScheduleDefinition.From(Spec() with { Task = null, Workflow = new ScheduleWorkflow { Source = "name: x", Vars = new Dictionary<string, string> { ["a"] = "b" } } });

        var read = ScheduleJson.Read(ScheduleJson.Write(definition.Spec), DateTimeOffset.UnixEpoch, null, new ScheduleState(false, null, null, null, 0));
        Assert.Null(read.Definition.Spec.Task);
        Assert.Equal(("name: x", "b"), (read.Definition.Spec.Workflow!.Source, read.Definition.Spec.Workflow.Vars!["a"]));
    }

    [Theory]
    [InlineData("sometimes", null, "not an overlap policy")]
    [InlineData(null, "twice", "not a misfire policy")]
    public void From_UnknownPolicy_ListsTheChoices(string? overlap, string? misfire, string expected)
    {
        var error = Assert.Throws<BatonException>(() => ScheduleDefinition.From(Spec() with { Overlap = overlap, Misfire = misfire }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EndBeforeStart_IsRefused()
    {
        var spec = Spec() with { StartAt = Created, EndAt = Created.AddHours(-1) };

        Assert.Contains("must come after start_at", Assert.Throws<BatonException>(() => ScheduleDefinition.From(spec)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NoZone_FillsInTheMachinesZone()
    {
        var definition = ScheduleDefinition.From(Spec() with { TimeZone = null });

        Assert.Equal(TimeZoneInfo.Local.Id, definition.Spec.TimeZone);
    }

    [Fact]
    public void From_Policies_AreRead()
    {
        var spec = Spec() with { Overlap = "buffer_one", Misfire = "all", CatchUpCap = 4, Jitter = "30s", MisfireGrace = "5m", PauseOnFailure = 3 };

        var policies = ScheduleDefinition.From(spec).Policies;

        Assert.Equal(
            new SchedulePolicies { Overlap = OverlapPolicy.BufferOne, Misfire = MisfirePolicy.All, CatchUpCap = 4, Jitter = TimeSpan.FromSeconds(30), MisfireGrace = TimeSpan.FromMinutes(5), PauseOnFailure = 3 },
            policies);
    }
}
