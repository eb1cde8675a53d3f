using System.Diagnostics;
using System.Text.Json;

namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>
/// Parses an exposition with the official Prometheus Python client's parsers (Debian's python3-prometheus-client):
/// the text format's, or the stricter OpenMetrics one, which also checks types, suffixes and the final <c># EOF</c>.
/// A page either parser refuses fails the test with the parser's message.
/// </summary>
internal static class PrometheusParser
{
    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
        text = sys.stdin.read()
        parse = openmetrics_families if sys.argv[1] == "openmetrics" else text_string_to_metric_families
        out = []
        for family in parse(text):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
        json.dump(out, sys.stdout)
        """;

    public static async Task<IReadOnlyList<MetricSample>> ParseAsync(string exposition, bool openMetrics = false)
    {
        // Debian's own interpreter, which the python3-prometheus-client package is for (a pyenv python3 on PATH lacks it).
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(openMetrics ? "openmetrics" : "prometheus");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"the Prometheus parser refused the page: {await error}\n{exposition}");
        using var json = JsonDocument.Parse(await output);
        return [.. json.RootElement.EnumerateArray().Select(s => new MetricSample(
            s.GetProperty("family").GetString()!,
            s.GetProperty("type").GetString()!,
            s.GetProperty("name").GetString()!,
            s.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            s.GetProperty("value").GetDouble()))];
    }
}
