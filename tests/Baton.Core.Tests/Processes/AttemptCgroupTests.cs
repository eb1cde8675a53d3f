using Baton.Core.Attempts;
using Baton.Core.Processes;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Processes;

/// <summary>
/// Real cgroups under this process's own (root may make them; others see these skipped): a process started into one
/// is in it before it runs, its descendants stay in it whatever they do, and killing the cgroup stops them all.
/// </summary>
public sealed class AttemptCgroupTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin" };
    private readonly TempDirectory directory = new();
    private AttemptCgroup? cgroup;

    [SkippableFact]
    public async Task Start_InCgroupWithDescendantInNewSessionAndClearedEnvironment_AllAreMembersAndKillStopsThem()
    {
        var hierarchy = Open();
        cgroup = hierarchy.Create(new AttemptKey(Baton.Core.Tasks.TaskIds.New(), 1));
        var pidFile = directory.File("escaped.pid");

        // The child forks at once: it must already be inside, or its descendant would start outside.
        var process = ProcessLauncher.Start(
            new ProcessStartSpec("/bin/sh", ["-c", $"setsid env -i sh -c 'echo $$ > {pidFile}; exec sleep 600' & sleep 600"], directory.Path, Environment),
            cgroup);
        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), Bound, "the descendant to start");
        var escaped = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(cgroup.Path, process.Identity.Cgroup);
        Assert.Contains(process.Identity.ProcessId, cgroup.Members());
        Assert.Contains(escaped, cgroup.Members());

        cgroup.Kill();
        var exit = await process.Exited.WaitAsync(Bound);
        await Poll.UntilAsync(() => cgroup.Members().Count == 0, Bound, "the cgroup to empty");

        Assert.Equal(9, exit.Signal);
        Assert.True(cgroup.TryRemove());
        Assert.False(cgroup.Exists);
    }

    [SkippableFact]
    public async Task StopAsync_TreeWithCgroupIgnoringSigterm_KillsEverythingAfterTheGrace()
    {
        var hierarchy = Open();
        var attempt = new AttemptKey(Baton.Core.Tasks.TaskIds.New(), 1);
        cgroup = hierarchy.Create(attempt);
        var pidFile = directory.File("child.pid");
        var process = ProcessLauncher.Start(
            new ProcessStartSpec("/bin/sh", ["-c", $"trap '' TERM; setsid sleep 600 & echo $! > {pidFile}; wait"], directory.Path, Environment),
            cgroup);
        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), Bound, "the child to start");

        await new ProcessTree(process.Identity, attempt).StopAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System).WaitAsync(Bound);

        Assert.Equal(9, (await process.Exited.WaitAsync(Bound)).Signal);
        Assert.Empty(cgroup.Members());
    }

    [SkippableFact]
    public async Task RemoveEmpty_LeftoverCgroups_RemovesTheEmptyOnesAndKeepsOneWithProcesses()
    {
        var hierarchy = Open();
        var empty = hierarchy.Create(new AttemptKey(Baton.Core.Tasks.TaskIds.New(), 1));
        cgroup = hierarchy.Create(new AttemptKey(Baton.Core.Tasks.TaskIds.New(), 1));
        var process = ProcessLauncher.Start(new ProcessStartSpec("/bin/sleep", ["600"], directory.Path, Environment), cgroup);
        await Poll.UntilAsync(() => cgroup.Members().Count == 1, Bound, "the sleep to be in its cgroup");

        hierarchy.RemoveEmpty();

        Assert.False(empty.Exists);
        Assert.True(cgroup.Exists);
        cgroup.Kill();
        await process.Exited.WaitAsync(Bound);
    }

    private static CgroupHierarchy Open()
    {
        Skip.IfNot(System.Environment.UserName == "root", "only root may make cgroups on most machines");
        var hierarchy = CgroupHierarchy.TryOpen(out var problem);
        Skip.If(hierarchy is null, $"cgroup v2 is not usable here: {problem}");
        return hierarchy!;
    }

    public void Dispose()
    {
        if (cgroup is { Exists: true })
        {
            cgroup.Kill();
            cgroup.TryRemove();
        }

        directory.Dispose();
    }
}
