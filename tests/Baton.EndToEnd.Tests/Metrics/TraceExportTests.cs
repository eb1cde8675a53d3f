using System.Security.Cryptography;
using System.Text;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>OTLP traces from a real daemon to a stand-in collector, only when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
public sealed class TraceExportTests
{
    [Fact]
    public async Task Serve_OtlpEndpointSet_ExportsTheAttemptSpanInItsTasksTrace()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var api = await ApiDaemon.StartOnAsync(new BatonHome(), workers: 1, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        var id = await api.CreateAsync(api.Shell("exit 0", "traced"));
        await api.WaitEndedAsync(id, TimeSpan.FromSeconds(30));

        // A lone task's trace id is the first 16 bytes of SHA-256 of its id; the span carries the id as a tag.
        var traceId = SHA256.HashData(Encoding.UTF8.GetBytes(id))[..16];
        var export = await Eventually.Until(
            () => Task.FromResult<byte[]?>(collector.Received.Where(r => r.Path == "/v1/traces").Select(r => r.Body)
                .FirstOrDefault(b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0)),
            TimeSpan.FromSeconds(30),
            "the attempt's span at the collector");
        Assert.True(export.AsSpan().IndexOf(traceId) >= 0, "the span is not in the trace derived from the task's id");
        Assert.True(export.AsSpan().IndexOf("baton.attempt.status"u8) >= 0);
    }
}
