using System.Reflection;
using System.Text.Json;
using Baton.Core.Processes;
using Baton.Core.Runners;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// plainjob, a SQLite job queue for Node, run by bench/peers/plainjob/throughput.mjs on the same terms as Baton's
/// throughput scenario (WAL, synchronous=NORMAL, a producer on another thread, four workers, three commits per job),
/// as a reference measured on the same machine in the same run. Its packages are installed on first use.
/// </summary>
internal static class PlainjobPeer
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>One round: <paramref name="jobs"/> no-op jobs after <paramref name="warmUp"/>; returns jobs per second.</summary>
    public static async Task<double> RunAsync(BenchDirectory directory, int jobs, int warmUp, TimeProvider time, CancellationToken cancellationToken)
    {
        var peer = Locate();
        var node = Program("node");
        await InstallAsync(peer, time, cancellationToken);
        var spec = new ProcessStartSpec(
            node, [Path.Combine(peer, "throughput.mjs"), "--dir", directory.Path, "--jobs", $"{jobs}", "--warmup", $"{warmUp}", "--workers", "4"],
            peer, AttemptEnvironment.OfCurrentProcess());
        var run = await ChildProcesses.RunAsync(spec, time, RunTimeout, cancellationToken);
        if (run.Exit.ExitCode != 0)
        {
            throw new InvalidOperationException($"the plainjob peer ended with {run.Exit}: {run.Stderr.Trim()}");
        }

        using var result = JsonDocument.Parse(run.Stdout);
        return result.RootElement.GetProperty("rate").GetDouble();
    }

    private static async Task InstallAsync(string peer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(peer, "node_modules", "plainjob")))
        {
            return;
        }

        var spec = new ProcessStartSpec(Program("npm"), ["ci", "--no-audit", "--no-fund"], peer, AttemptEnvironment.OfCurrentProcess());
        var run = await ChildProcesses.RunAsync(spec, time, InstallTimeout, cancellationToken);
        if (run.Exit.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"installing the plainjob peer failed ({run.Exit}); run 'npm ci' in {peer} by hand: {run.Stderr.Trim()}");
        }
    }

    private static string Locate() =>
        typeof(PlainjobPeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "PlainjobPeer")?.Value
            ?? throw new InvalidOperationException("the bench was built without the PlainjobPeer location");

    private static string Program(string name) =>
        ProgramResolver.Resolve(name, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out var problem)
            ?? throw new InvalidOperationException($"the plainjob peer needs {name} (Node.js 20 or later) on PATH: {problem}");
}
