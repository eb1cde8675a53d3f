using Baton.Mcp.Tools;

namespace Baton.Tests.Mcp;

public sealed class McpErrorTextTests
{
    [Theory]
    [InlineData("no task with id 'abcd'; 'baton task list' shows recent tasks", "no task with id 'abcd'; list_tasks shows recent tasks")]
    [InlineData(
        "'x!' is not a task id; ids are 12 characters, as printed by 'baton task add' or 'baton task list'",
        "'x!' is not a task id; ids are 12 characters, as returned by task_async or list_tasks")]
    [InlineData(
        "no workflow with id 'abcd'; 'baton workflow list' shows recent workflows",
        "no workflow with id 'abcd'; a workflow id is what workflow_create returned")]
    [InlineData(
        "workflow w has no phases; add one (workflow_add_phase, or 'baton workflow add-phase') and give it tasks before starting",
        "workflow w has no phases; add one (workflow_add_phase) and give it tasks before starting")]
    [InlineData(
        "workflow w was started already (running); 'baton workflow status w' shows how far it got",
        "workflow w was started already (running); workflow_status shows how far it got")]
    [InlineData(
        "task t is running; wait until it ends ('baton task wait t'), then continue it",
        "task t is running; wait until it ends (task_status), then continue it")]
    [InlineData("run 'baton agents' to list the agents", "run 'baton agents' to list the agents")]
    public void Of_CliPointer_NamesTheMcpToolInstead(string message, string expected) =>
        Assert.Equal(expected, McpErrorText.Of(message));
}
