using Baton.Core.Events;
using Baton.Core.Hooks;

namespace Baton.Core.Tests.Hooks;

public sealed class HookEnvironmentTests
{
    [Fact]
    public void Build_TaskEvent_SetsEveryVariableAndEmptiesTheMissingOnes()
    {
        var record = new EventRecord(42, "task.failed", DateTimeOffset.UnixEpoch, "t1", null, null, 2, "failed", "running", "exit code 1");
        var daemon = new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["BATON_WORKFLOW_ID"] = "inherited" };

        var environment = HookEnvironment.Build(daemon, record, "/home/u/.baton/worktrees/t1");

        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.Equal(
            new (string, string)[] { ("BATON_EVENT", "task.failed"), ("BATON_EVENT_ID", "42"), ("BATON_TASK_ID", "t1"), ("BATON_WORKFLOW_ID", ""), ("BATON_PHASE_ID", ""),
             ("BATON_STATUS", "failed"), ("BATON_OLD_STATUS", "running"), ("BATON_WORKTREE", "/home/u/.baton/worktrees/t1"), ("BATON_MESSAGE", "exit code 1"), ("BATON_EVENT_DATA", "") }.OrderBy(e => e.Item1, StringComparer.Ordinal),
            environment.Where(e => e.Key.StartsWith("BATON_", StringComparison.Ordinal)).Select(e => (e.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Build_InputRequired_CarriesTheInteractionAsData()
    {
        const string Data = """{"interaction_id":"in_abcdabcdabcd","kind":"tool_approval","summary":"Bash: ls","reminder":false}""";
        var record = new EventRecord(7, "task.input_required", DateTimeOffset.UnixEpoch, "t1", null, null, 1, "input_required", "running", "Bash: ls", Data);

        var environment = HookEnvironment.Build(new Dictionary<string, string>(), record, null);

        Assert.Equal(Data, environment["BATON_EVENT_DATA"]);
        Assert.Equal("Bash: ls", environment["BATON_MESSAGE"]);
    }
}
