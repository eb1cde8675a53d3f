using System.Diagnostics;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>15. <c>baton mcp</c> from process spawn to the answer to its <c>initialize</c>, as an MCP client starts it.</summary>
internal sealed class McpColdStart(TimeProvider time) : IScenario
{
    private const double TargetP50 = 500;
    private const int WarmUp = 3;
    private const int Samples = 20;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"baton-bench","version":"1"}}}""";

    public string Name => "mcp-cold-start";

    public string Title => "15. baton mcp cold start (spawn → initialize answered on stdout)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        var home = directory.Subdirectory("home");
        var work = directory.Subdirectory("work");
        // A daemon runs, as it usually does: the server only pings it.
        await using var daemon = await DaemonProcess.StartAsync(home, time, cancellationToken);
        var latencies = new List<double>(Samples);
        for (var i = 0; i < WarmUp + Samples; i++)
        {
            var elapsed = await StartAndInitializeAsync(home, work, cancellationToken);
            if (i >= WarmUp)
            {
                latencies.Add(elapsed.TotalMilliseconds);
            }
        }

        await daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var latency = Distribution.Of(latencies);
        return new ScenarioReport(Title)
            .Add("runs (after warm-up)", $"{Samples} (+{WarmUp})")
            .Add(Figure.AtMost("p50 spawn → initialize answered", latency.P50, TargetP50, Units.Duration))
            .Add("p99 (the slowest) / min", $"{Units.Duration(latency.P99)} / {Units.Duration(latency.Min)}")
            .Note("the initialize request is written as soon as the process is spawned; the clock stops when its answer's line has been read.")
            .Note("Includes .NET start-up (JIT, no ReadyToRun), settings, building the tools and the server; the store opens on another thread meanwhile.")
            .Note("A daemon is running, as usual: the server's background check only pings it. Spawned with System.Diagnostics.Process (stdin needed).");
    }

    private async Task<TimeSpan> StartAndInitializeAsync(string home, string work, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(BatonExecutable.Locate(), ["mcp"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        start.Environment.Clear();
        foreach (var (name, value) in BatonExecutable.Environment(home))
        {
            start.Environment[name] = value;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RunTimeout);
        var begun = time.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start baton mcp");
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.StandardInput.WriteLineAsync(Initialize.AsMemory(), deadline.Token);
        await process.StandardInput.FlushAsync(deadline.Token);
        var answer = await process.StandardOutput.ReadLineAsync(deadline.Token);
        var elapsed = time.GetElapsedTime(begun);
        process.StandardInput.Close();
        await process.WaitForExitAsync(deadline.Token);
        if (answer is null || !answer.Contains("\"protocolVersion\"", StringComparison.Ordinal) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"baton mcp answered '{answer}' and exited {process.ExitCode}: {await errors}");
        }

        return elapsed;
    }
}
