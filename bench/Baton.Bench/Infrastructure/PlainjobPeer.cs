using System.Text.Json;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// plainjob, a SQLite job queue for Node, run by bench/peers/plainjob/throughput.mjs on the same terms as Baton's
/// throughput scenario (WAL, synchronous=NORMAL, a producer on another thread, four workers, three commits per job),
/// as a reference measured on the same machine in the same run.
/// </summary>
internal static class PlainjobPeer
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly NodePeer Peer = new("plainjob", "plainjob");

    /// <summary>One round: <paramref name="jobs"/> no-op jobs after <paramref name="warmUp"/>; returns jobs per second.</summary>
    public static async Task<double> RunAsync(BenchDirectory directory, int jobs, int warmUp, TimeProvider time, CancellationToken cancellationToken)
    {
        var output = await Peer.RunAsync(
            "throughput.mjs", ["--dir", directory.Path, "--jobs", $"{jobs}", "--warmup", $"{warmUp}", "--workers", "4"],
            new Dictionary<string, string>(), time, RunTimeout, cancellationToken);
        using var result = JsonDocument.Parse(output);
        return result.RootElement.GetProperty("rate").GetDouble();
    }
}
