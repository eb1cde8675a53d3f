using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Api;

/// <summary>Phase gates and workflow pause over REST, bad input included.</summary>
public sealed class WorkflowGatesApiTests : IAsyncLifetime
{
    private ApiDaemon api = null!;

    public async Task InitializeAsync() => api = await ApiDaemon.StartAsync(workers: 1);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task ApproveReject_BadInput_NotFoundConflictAndInvalidWithNothingChanged()
    {
        var id = await GatedWorkflowAsync(start: true);
        await WaitPhaseAsync(id, "gate", "input_required");
        var gate = $"/api/v1/workflows/{id}/phases/gate";

        await ExpectAsync(HttpStatusCode.NotFound, "/api/v1/workflows/abcdefabcdef/phases/gate/approve", "{}", "no workflow with id");
        await ExpectAsync(HttpStatusCode.NotFound, $"/api/v1/workflows/{id}/phases/deploy/approve", "{}", "has no phase 'deploy'");
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/phases/plain/reject", "{}", "has no approval gate");
        await ExpectAsync(HttpStatusCode.BadRequest, $"{gate}/approve", """{"feedbak": "x"}""", "unknown property 'feedbak'");
        await ExpectAsync(HttpStatusCode.BadRequest, $"{gate}/approve", """{"feedback": 5}""", "feedback");
        await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"{gate}/reject", new JsonObject { ["message"] = new string('x', 4001) }.ToJsonString(), "the limit is 4000");
        await ExpectAsync(HttpStatusCode.BadRequest, $"{gate}/approve", "[1]", "JSON object");
        var waiting = await api.GetJsonAsync($"/api/v1/workflows/{id}");
        Assert.Equal("input_required", Phase(waiting, "gate").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, Phase(waiting, "gate").GetProperty("gate").ValueKind);

        var approved = await ExpectAsync(HttpStatusCode.OK, $"{gate}/approve", """{"feedback": "go"}""");
        await ExpectAsync(HttpStatusCode.Conflict, $"{gate}/approve", string.Empty, "already approved by loopback");
        await ExpectAsync(HttpStatusCode.Conflict, $"{gate}/reject", string.Empty, "a gate is decided once");

        Assert.Equal("approve", Phase(approved, "gate").GetProperty("gate").GetProperty("decision").GetString());
        Assert.Equal("loopback", Phase(approved, "gate").GetProperty("gate").GetProperty("decided_by").GetString());
        JsonElement ended = default;
        await Eventually.True(
            async () => (ended = await api.GetJsonAsync($"/api/v1/workflows/{id}")).GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromSeconds(30), "the workflow to end");
        Assert.Equal("completed", ended.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PauseResume_BadInputAndAGateApprovedWhilePaused_HeldUntilResumed()
    {
        var draft = await GatedWorkflowAsync(start: false);
        var id = await GatedWorkflowAsync(start: true);
        await WaitPhaseAsync(id, "gate", "input_required");

        await ExpectAsync(HttpStatusCode.NotFound, "/api/v1/workflows/abcdefabcdef/pause", string.Empty, "no workflow with id");
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{draft}/pause", string.Empty, "has not started (draft)");
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/resume", string.Empty, "is not paused");
        var paused = await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/pause", string.Empty);
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/pause", string.Empty, "is already paused (by loopback)");
        var approved = await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/phases/gate/approve", string.Empty);

        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal("loopback", paused.GetProperty("paused_by").GetString());
        // Approved while paused: its task is released but held.
        Assert.Equal("running", Phase(approved, "gate").GetProperty("status").GetString());
        Assert.Equal("paused", Phase(approved, "gate").GetProperty("tasks")[0].GetProperty("status").GetString());

        var resumed = await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/resume", string.Empty);
        JsonElement ended = default;
        await Eventually.True(
            async () => (ended = await api.GetJsonAsync($"/api/v1/workflows/{id}")).GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromSeconds(30), "the workflow to end");

        Assert.Equal("running", resumed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("paused_at").ValueKind);
        Assert.Equal("completed", ended.GetProperty("status").GetString());
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/pause", string.Empty, "already ended as completed");
    }

    [Fact]
    public async Task Respond_PhaseGateInteraction_DecidesTheGateLikeApprove()
    {
        var id = await GatedWorkflowAsync(start: true);
        await WaitPhaseAsync(id, "gate", "input_required");
        var inbox = await api.GetJsonAsync($"/api/v1/interactions?workflow_id={id}");
        var gate = inbox.GetProperty("interactions").EnumerateArray().Single();
        var interactionId = gate.GetProperty("interaction_id").GetString()!;

        await ExpectAsync(HttpStatusCode.UnprocessableEntity, $"/api/v1/interactions/{interactionId}/respond", """{"decision": "answer", "message": "yes"}""");
        await ExpectAsync(HttpStatusCode.OK, $"/api/v1/interactions/{interactionId}/respond", """{"decision": "approve", "message": "from the inbox"}""");
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/interactions/{interactionId}/respond", """{"decision": "deny"}""");
        await ExpectAsync(HttpStatusCode.Conflict, $"/api/v1/workflows/{id}/phases/gate/reject", string.Empty, "a gate is decided once");
        var workflow = await api.GetJsonAsync($"/api/v1/workflows/{id}");

        Assert.Equal("phase_gate", gate.GetProperty("kind").GetString());
        Assert.Equal("from the inbox", Phase(workflow, "gate").GetProperty("gate").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ReadToken_ApproveRejectPauseResume_Forbidden()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var reader = await home.CreateTokenAsync("reader", "read");
        using var daemon = await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        foreach (var path in new[] { "phases/gate/approve", "phases/gate/reject", "pause", "resume" })
        {
            using var response = await http.SendAsync(HttpMethod.Post, $"/api/v1/workflows/abcdefabcdef/{path}", reader, "{}");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>A workflow over REST: phase gate (requires_approval) and phase plain after it, one quick task each.</summary>
    private async Task<string> GatedWorkflowAsync(bool start)
    {
        using var create = await api.PostAsync("/api/v1/workflows", new JsonObject { ["name"] = "gated" });
        var id = (await ApiDaemon.ReadAsync(create)).GetProperty("workflow_id").GetString()!;
        var phase = await ExpectCreatedAsync($"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "gate", ["requires_approval"] = true });
        Assert.True(phase.GetProperty("requires_approval").GetBoolean());
        await ExpectCreatedAsync($"/api/v1/workflows/{id}/phases", new JsonObject { ["phase_id"] = "plain", ["depends_on"] = new JsonArray("gate") });
        foreach (var phaseId in new[] { "gate", "plain" })
        {
            var task = api.Shell($"echo {phaseId}", phaseId);
            task["phase_id"] = phaseId;
            await ExpectCreatedAsync($"/api/v1/workflows/{id}/tasks", task);
        }

        if (start)
        {
            await ExpectAsync(HttpStatusCode.OK, $"/api/v1/workflows/{id}/start", "{}");
        }

        return id;
    }

    private async Task<JsonElement> ExpectCreatedAsync(string path, JsonNode body)
    {
        using var response = await api.PostAsync(path, body);
        var json = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {json}");
        return json;
    }

    private async Task<JsonElement> ExpectAsync(HttpStatusCode status, string path, string body, string? detail = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var json = await ApiDaemon.ReadAsync(response);
        Assert.True(response.StatusCode == status, $"{path}: expected {(int)status}, got {(int)response.StatusCode} {json}");
        if (detail is not null)
        {
            Assert.Contains(detail, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        return json;
    }

    private async Task WaitPhaseAsync(string workflowId, string phaseId, string status) =>
        await Eventually.True(
            async () => Phase(await api.GetJsonAsync($"/api/v1/workflows/{workflowId}"), phaseId).GetProperty("status").GetString() == status,
            TimeSpan.FromSeconds(30),
            $"phase {phaseId} to be {status}");

    private static JsonElement Phase(JsonElement workflow, string phaseId) =>
        workflow.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase_id").GetString() == phaseId);
}
