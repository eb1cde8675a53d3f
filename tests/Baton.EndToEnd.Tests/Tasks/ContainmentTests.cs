using Baton.Core.Processes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Tasks;

/// <summary>
/// A descendant that starts a session of its own and clears its environment (so it carries neither the attempt's
/// process group nor its marker) is still stopped with its attempt: on cancel, on timeout and when its parent exits.
/// Under both containments: "auto" (a cgroup per attempt here, where the tests run as root) and the "subreaper" fallback.
/// </summary>
public sealed class ContainmentTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TaggedProcesses escaped = new();
    private BatonHome? home;

    [Theory]
    [InlineData("auto")]
    [InlineData("subreaper")]
    public async Task Cancel_DescendantInNewSessionWithClearedEnvironment_IsStopped(string containment)
    {
        var baton = Home(containment);
        using var daemon = await baton.StartDaemonAsync();
        var id = await baton.AddAsync("--no-start", "--", "sh", "-c", $"setsid env -i sleep {escaped.Tag} & sleep 601");
        await Eventually.True(() => escaped.Alive().Count == 1, Bound, "the escaping sleep to start");

        var cancel = await baton.RunAsync("task", "cancel", id);
        var status = (await baton.WaitTerminalAsync(id, Bound))!.Value;

        Assert.Equal(0, cancel.ExitCode);
        Assert.Equal("cancelled", status.GetProperty("status").GetString());
        Assert.Empty(escaped.Alive());
        Assert.Empty(CgroupProbe.OfTask(id));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("subreaper")]
    public async Task Timeout_DescendantInNewSessionWithClearedEnvironment_IsStopped(string containment)
    {
        var baton = Home(containment);
        using var daemon = await baton.StartDaemonAsync();
        var id = await baton.AddAsync("--no-start", "--timeout", "2", "--", "sh", "-c", $"setsid env -i sleep {escaped.Tag} & sleep 601");
        await Eventually.True(() => escaped.Alive().Count == 1, Bound, "the escaping sleep to start");

        var status = (await baton.WaitTerminalAsync(id, Bound))!.Value;

        Assert.Equal("timed_out", status.GetProperty("status").GetString());
        Assert.Empty(escaped.Alive());
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("subreaper")]
    public async Task NormalExit_DescendantInNewSessionWithClearedEnvironment_IsStopped(string containment)
    {
        var baton = Home(containment);
        using var daemon = await baton.StartDaemonAsync();
        var ready = Path.Combine(baton.Work, "escaped");
        // The parent waits until the escaped shell runs, then exits 0, leaving it behind (its output away from the pipes).
        var script = $"setsid env -i sh -c 'touch {ready}; exec sleep {escaped.Tag}' > /dev/null 2>&1 & "
            + $"while [ ! -e {ready} ]; do sleep 0.05; done";
        var id = await baton.AddAsync("--no-start", "--", "sh", "-c", script);

        var status = (await baton.WaitTerminalAsync(id, Bound))!.Value;

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(File.Exists(ready), "the escaping process never ran");
        Assert.Empty(escaped.Mentioning());
        Assert.Empty(CgroupProbe.OfTask(id));
        // What the daemon adopted and killed was reaped: no zombies pile up under it.
        await Eventually.True(() => ProcessProbe.ZombieChildren(daemon.Pid).Count == 0, TimeSpan.FromSeconds(10), "the daemon to reap its zombies");
    }

    [SkippableTheory]
    [InlineData("auto", "cgroup")]
    [InlineData("subreaper", "subreaper")]
    public async Task Doctor_WithDaemonRunning_SaysWhichContainmentIsInForce(string containment, string expected)
    {
        Skip.If(expected == "cgroup" && ProcessContainment.Probe(ContainmentMode.Auto).Kind != "cgroup", "cgroup v2 cannot be used here (it needs root, and a machine or container that lets it make cgroups)");
        var baton = Home(containment);
        using var daemon = await baton.StartDaemonAsync();

        var doctor = await baton.RunAsync("doctor", "--json");

        var check = doctor.Json.EnumerateArray().Single(c => c.GetProperty("check").GetString() == "containment");
        Assert.StartsWith($"in force in the daemon: {expected}", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Attempts are contained by {expected}", daemon.Output, StringComparison.Ordinal);
    }

    private BatonHome Home(string containment) => home = new BatonHome(stopGraceSeconds: 1, containment: containment);

    public void Dispose()
    {
        home?.Dispose();
        escaped.Dispose();
    }
}
