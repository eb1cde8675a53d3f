using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Hooks;

namespace Baton.Core.Tests.Hooks;

public sealed class HookDefinitionsTests
{
    private static IReadOnlyList<HookDefinition> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HookDefinitions.Parse(document.RootElement.Clone(), "baton.json");
    }

    private static string Problem(string json) => Assert.Throws<BatonException>(() => Parse(json)).Message;

    [Fact]
    public void Parse_NoHooks_IsEmpty() => Assert.Empty(HookDefinitions.Parse(null, "baton.json"));

    [Fact]
    public void Parse_ValidHooks_KeepOrderTypesAndTimeouts()
    {
        var hooks = Parse("""
            [{"events": ["task.completed", "task.failed"], "command": "notify-send \"$BATON_EVENT\"", "timeout_seconds": 5},
             {"events": ["*"], "command": "true"}]
            """);

        Assert.Equal([0, 1], hooks.Select(h => h.Index));
        Assert.Equal(["task.completed", "task.failed"], hooks[0].Types!);
        Assert.Equal(TimeSpan.FromSeconds(5), hooks[0].Timeout);
        Assert.Null(hooks[1].Types);
        Assert.Equal(HookDefinition.DefaultTimeout, hooks[1].Timeout);
    }

    [Fact]
    public void Parse_UnknownEventType_NamesTheHookAndListsKnownTypes() =>
        Assert.StartsWith(
            "baton.json: hooks[0].events: 'task.done' is not an event type; use one of task.created",
            Problem("""[{"events": ["task.done"], "command": "true"}]"""));

    [Fact]
    public void Parse_MissingCommand_SaysWhatToWrite() =>
        Assert.StartsWith("baton.json: hooks[1].command must be a shell command", Problem("""[{"events": ["*"], "command": "true"}, {"events": ["*"]}]"""));

    [Theory]
    [InlineData("""[{"command": "true"}]""")]
    [InlineData("""[{"events": [], "command": "true"}]""")]
    [InlineData("""[{"events": "task.completed", "command": "true"}]""")]
    public void Parse_EventsMissingOrNotAList_GivesAnExample(string json) =>
        Assert.StartsWith("baton.json: hooks[0].events must be a non-empty list of event types, e.g.", Problem(json));

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("\"30\"")]
    public void Parse_TimeoutOutOfRange_NamesTheBounds(string timeout) =>
        Assert.StartsWith("baton.json: hooks[0].timeout_seconds must be a number of seconds above 0 and at most 3600",
            Problem($$"""[{"events": ["*"], "command": "true", "timeout_seconds": {{timeout}}}]"""));

    [Fact]
    public void Parse_UnknownSetting_ListsTheKnownOnes() =>
        Assert.Equal("baton.json: hooks[0] has no setting \"cmd\"; a hook takes events, command, timeout_seconds",
            Problem("""[{"events": ["*"], "cmd": "true"}]"""));

    [Fact]
    public void Parse_NotAList_ShowsTheShape() =>
        Assert.StartsWith("baton.json: \"hooks\" must be a list, e.g.", Problem("""{"events": ["*"]}"""));
}
