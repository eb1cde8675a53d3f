using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    [Fact]
    public async Task Serve_WorkflowWithAnAgent_OneTraceRootedAtTheWorkflowWithAttemptAndToolSpans()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var home = new BatonHome();
        UseFakeClaude(home);
        await using var api = await ApiDaemon.StartOnAsync(home, workers: 2, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        var workflowId = await RunWorkflowAsync(api);

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(workflowId));
        var (traceId, rootId) = (Convert.ToHexStringLower(hash[..16]), Convert.ToHexStringLower(hash[16..24]));
        var spans = await Eventually.Until(
            () =>
            {
                var inTrace = collector.Received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpTraceDecoder.Spans(r.Body))
                    .Where(s => s.TraceId == traceId).ToList();
                return Task.FromResult(inTrace.Any(s => s.Attribute("baton.workflow.id") == workflowId) ? inTrace : null);
            },
            TimeSpan.FromSeconds(30),
            "the workflow's span at the collector");

        var workflow = Assert.Single(spans, s => s.Attribute("baton.workflow.id") == workflowId);
        Assert.Equal(rootId, workflow.SpanId);
        Assert.Equal("", workflow.ParentSpanId);
        Assert.Equal("workflow traced", workflow.Name);
        Assert.Equal("traced", workflow.Attribute("baton.workflow.name"));
        Assert.Equal("completed", workflow.Attribute("baton.workflow.status"));
        var attempts = spans.Where(s => s.Attribute("baton.attempt") is not null).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(rootId, a.ParentSpanId));
        Assert.All(attempts, a => Assert.InRange(a.StartNanos, workflow.StartNanos - 1_000_000_000, workflow.EndNanos + 1_000_000_000));
        var agent = Assert.Single(attempts, a => a.Attribute("gen_ai.operation.name") == "invoke_agent");
        Assert.Equal("invoke_agent reviewer", agent.Name);
        Assert.Equal("reviewer", agent.Attribute("gen_ai.agent.name"));
        Assert.True(long.Parse(agent.Attribute("gen_ai.usage.input_tokens")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var tool = Assert.Single(spans, s => s.Attribute("gen_ai.operation.name") == "execute_tool");
        Assert.Equal(agent.SpanId, tool.ParentSpanId);
        Assert.Equal("Bash", tool.Attribute("gen_ai.tool.name"));
        Assert.Equal("execute_tool Bash", tool.Name);
        Assert.Equal("toolu_010000AbCdEf", tool.Attribute("gen_ai.tool.call.id"));
        Assert.NotEqual(2, tool.StatusCode);
        Assert.InRange(tool.StartNanos, agent.StartNanos, agent.EndNanos);
        Assert.InRange(tool.EndNanos, tool.StartNanos, agent.EndNanos);
    }

    /// <summary>A stand-in claude replaying real Claude Code output (a Bash call and its result), and an agent that uses it.</summary>
    private static void UseFakeClaude(BatonHome home)
    {
        var capture = Path.Combine(Baton.AgentCli.Tests.Harness.RepositoryRoot.Path,
            "tests", "Baton.Core.Tests", "Runners", "Claude", "Captures", "claude-2.1.330", "stream-json_tool-run.jsonl");
        var fake = Path.Combine(home.Dir, "claude");
        File.WriteAllText(fake, $"#!/bin/sh\nread -r initialize\nread -r prompt\ncat '{capture}'\nwhile read -r _; do :; done\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(home.Dir, "baton.json");
        var settings = JsonNode.Parse(File.ReadAllText(config))!.AsObject();
        settings["claude_path"] = fake;
        File.WriteAllText(config, settings.ToJsonString());
        var agents = Directory.CreateDirectory(Path.Combine(home.Work, ".claude", "agents")).FullName;
        File.WriteAllText(Path.Combine(agents, "reviewer.md"), "---\nname: reviewer\ndescription: Reviews code\n---\nYou review code.\n");
    }

    /// <summary>A workflow of one phase, an agent task and a command task, run to its end; returns its id.</summary>
    private static async Task<string> RunWorkflowAsync(ApiDaemon api)
    {
        using var create = await api.PostAsync("/api/v1/workflows", new JsonObject { ["name"] = "traced" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await ApiDaemon.ReadAsync(create)).GetProperty("workflow_id").GetString()!;
        using var phase = await api.PostAsync($"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "only" });
        Assert.Equal(HttpStatusCode.Created, phase.StatusCode);
        var shell = api.Shell("exit 0", "shell");
        shell["phase_id"] = "only";
        var agent = new JsonObject
        {
            ["agent_name"] = "reviewer",
            ["agent_instructions"] = "Run the tests",
            ["working_directory"] = api.Home.Work,
            ["max_retries"] = 0,
            ["phase_id"] = "only",
        };
        foreach (var body in (JsonObject[])[shell, agent])
        {
            using var added = await api.PostAsync($"/api/v1/workflows/{id}/tasks", body);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var start = await api.PostAsync($"/api/v1/workflows/{id}/start", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await Eventually.True(
            async () => (await api.GetJsonAsync($"/api/v1/workflows/{id}")).GetProperty("status").GetString() is "completed" or "failed" or "cancelled",
            TimeSpan.FromSeconds(60),
            "the workflow to end");
        Assert.Equal("completed", (await api.GetJsonAsync($"/api/v1/workflows/{id}")).GetProperty("status").GetString());
        return id;
    }
}
