using System.Globalization;
using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Workflows;

/// <summary>Workflow files for tests, and what their tasks recorded: each task writes when it started and ended.</summary>
internal static class WorkflowHarness
{
    /// <summary>
    /// A command (for sh -c) that records "NAME start NS" and "NAME end NS" (nanoseconds, wall clock) in
    /// <paramref name="timeline"/> around <paramref name="body"/>, then prints <paramref name="output"/>.
    /// </summary>
    public static string Timed(string timeline, string name, string body, string output) =>
        $"echo \"{name} start $(date +%s%N)\" >> {timeline}; {body}; echo \"{name} end $(date +%s%N)\" >> {timeline}; echo {output}";

    /// <summary>Each task's (start, end) from the timeline file, in nanoseconds.</summary>
    public static Dictionary<string, (long Start, long End)> ReadTimeline(string timeline)
    {
        var marks = File.ReadAllLines(timeline).Select(l => l.Split(' ')).ToList();
        return marks.GroupBy(m => m[0]).ToDictionary(
            g => g.Key,
            g => (long.Parse(g.Last(m => m[1] == "start")[2], CultureInfo.InvariantCulture), long.Parse(g.Last(m => m[1] == "end")[2], CultureInfo.InvariantCulture)));
    }

    /// <summary>Writes a workflow file in the home's work folder and returns its path.</summary>
    public static string WriteFile(BatonHome home, string name, string yaml)
    {
        var path = Path.Combine(home.Work, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Runs a workflow file (daemon must be running) and returns the workflow id.</summary>
    public static async Task<string> RunAsync(BatonHome home, string path, params string[] extra)
    {
        var result = await home.RunAsync(["workflow", "run", path, "--no-start", "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json.GetProperty("workflow_id").GetString()!;
    }

    public static async Task<JsonElement> StatusAsync(BatonHome home, string workflowId)
    {
        var result = await home.RunAsync("workflow", "status", workflowId, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json;
    }

    /// <summary>
    /// Waits until the workflow ended (one `baton workflow wait`, which never starts a daemon of its own) and its tasks
    /// all ended (a cancelled workflow's running tasks end just after it); returns its status JSON.
    /// </summary>
    public static async Task<JsonElement> WaitEndedAsync(BatonHome home, string workflowId, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var wait = await home.RunAsync(["workflow", "wait", workflowId, "--no-start", "--timeout", seconds], timeout + BatonHome.WaitSlack);
        if (wait.ExitCode == 124)
        {
            throw new TimeoutException($"timed out after {seconds} s waiting for workflow {workflowId} to end");
        }

        Assert.True(wait.ExitCode is 0 or 1, wait.ToString());
        JsonElement last = default;
        await Eventually.True(
            async () =>
            {
                last = await StatusAsync(home, workflowId);
                return last.GetProperty("status").GetString() is "completed" or "failed" or "cancelled"
                    && AllTasks(last).All(t => t.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" or "timed_out");
            },
            timeout,
            $"workflow {workflowId} to end");
        return last;
    }

    public static IEnumerable<JsonElement> AllTasks(JsonElement workflow) =>
        workflow.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray());

    public static JsonElement TaskNamed(JsonElement workflow, string name) =>
        AllTasks(workflow).Single(t => t.GetProperty("name").GetString() == name);

    public static JsonElement Phase(JsonElement workflow, string phaseId) =>
        workflow.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase_id").GetString() == phaseId);
}
