using Baton.Core.Attempts;
using Baton.Core.Processes;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Processes;

/// <summary>
/// Without a cgroup (this test host contains nothing): a descendant that left the process group and cleared its
/// environment is still found through its parent.
/// </summary>
public sealed class ProcessTreeTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin" };
    private readonly TempDirectory directory = new();
    private int escaped;

    [Fact]
    public async Task StopAsync_DescendantInNewSessionWithClearedEnvironment_IsFoundByParentageAndStopped()
    {
        var attempt = new AttemptKey(Baton.Core.Tasks.TaskIds.New(), 1);
        var pidFile = directory.File("escaped.pid");
        var process = ProcessLauncher.Start(new ProcessStartSpec(
            "/bin/sh",
            ["-c", $"setsid env -i sh -c 'echo $$ > {pidFile}; exec sleep 600' & sleep 600"],
            directory.Path,
            new Dictionary<string, string>(Environment) { [ProcessTree.MarkerVariable] = attempt.ToString() }));
        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), Bound, "the descendant to start");
        escaped = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var tree = new ProcessTree(process.Identity, attempt);

        Assert.Contains(escaped, tree.FindMembers());
        await tree.StopAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System).WaitAsync(Bound);
        await process.Exited.WaitAsync(Bound);

        await Poll.UntilAsync(() => !IsAlive(escaped), Bound, "the escaped descendant to die");
        Assert.Empty(tree.FindMembers());
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (escaped > 0 && IsAlive(escaped))
        {
            Kill(escaped);
        }

        directory.Dispose();
    }

    private static void Kill(int pid)
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone.
        }
    }
}
