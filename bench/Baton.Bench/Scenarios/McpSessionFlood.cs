using System.Net;
using System.Text;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 20. A client that opens MCP sessions over HTTP and never closes them: 24,000 <c>initialize</c> requests on /mcp of
/// a real <c>baton serve</c>. Sessions are capped (the idlest replaced), so the daemon's resident memory must stop
/// growing: what the second 12,000 add is the figure with a target. For scale, a second daemon in the same run
/// answers as many plain REST reads, which grow a .NET process's heap to its working size too.
/// </summary>
internal sealed class McpSessionFlood(TimeProvider time) : IScenario
{
    private const int Half = 12_000;
    private const long TargetPlateauBytes = 8L * 1024 * 1024;

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"baton-bench","version":"1"}}}""";

    public string Name => "mcp-sessions";

    public string Title => "20. MCP session flood (24,000 initialize on /mcp, never closed)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        long baseline, first, second;
        double perSecond;
        await using (var rest = await RestDaemon.StartAsync(directory.Subdirectory("mcp"), time, cancellationToken))
        {
            // The first requests run cold code (tiered JIT): warm up before the baseline is read.
            await RepeatAsync(rest, InitializeRequest, 100, cancellationToken);
            baseline = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            var begun = time.GetTimestamp();
            await RepeatAsync(rest, InitializeRequest, Half, cancellationToken);
            perSecond = Half / time.GetElapsedTime(begun).TotalSeconds;
            first = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            await RepeatAsync(rest, InitializeRequest, Half, cancellationToken);
            second = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        long restBaseline, restAfter;
        await using (var rest = await RestDaemon.StartAsync(directory.Subdirectory("rest"), time, cancellationToken))
        {
            await RepeatAsync(rest, ListRequest, 100, cancellationToken);
            restBaseline = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            await RepeatAsync(rest, ListRequest, Half, cancellationToken);
            restAfter = ProcStatus.Read(rest.Daemon.Pid).ResidentBytes;
            await rest.Daemon.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return new ScenarioReport(Title)
            .Add("VmRSS before (after 100 warm-up sessions)", Units.Megabytes(baseline))
            .Add($"  after {Units.Count(Half)} sessions", Units.Megabytes(first))
            .Add($"  after {Units.Count(2 * Half)} sessions", Units.Megabytes(second))
            .Add(Figure.AtMost($"growth over the second {Units.Count(Half)}", second - first, TargetPlateauBytes, v => Units.Megabytes((long)v)))
            .Add("initialize requests per second", $"{perSecond:0}")
            .Add($"for scale: {Units.Count(Half)} REST reads, VmRSS", $"{Units.Megabytes(restBaseline)} → {Units.Megabytes(restAfter)}")
            .Note("one keep-alive connection, requests one after another, as the daemon's owner (no token); every answer must be 200")
            .Note("the daemon keeps at most 256 sessions; each new one past that replaces the longest idle. Callers other than the owner are refused before a session exists");
    }

    private static HttpRequestMessage InitializeRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    private static HttpRequestMessage ListRequest() => new(HttpMethod.Get, "/api/v1/tasks?limit=50");

    private static async Task RepeatAsync(RestDaemon rest, Func<HttpRequestMessage> request, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await rest.SendAsync(request, HttpStatusCode.OK, cancellationToken);
        }
    }
}
