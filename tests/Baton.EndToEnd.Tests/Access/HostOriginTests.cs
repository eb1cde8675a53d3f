using System.Net;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>
/// DNS rebinding and cross-site requests, really made against a real daemon: a foreign Host or Origin, or the right
/// name on another port, is refused with 403 problem details on every route family, and changes nothing. Every
/// case asks one daemon (nothing it is asked may change it); <see cref="OwnHostTests"/> has the requests it serves.
/// </summary>
public sealed class HostOriginTests(ApiDaemonFixture fixture) : IClassFixture<ApiDaemonFixture>
{
    /// <summary>Each route family: REST read and write, SSE, worker nodes, MCP, health and the OpenAPI document.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/v1/tasks" },
        { "POST", "/api/v1/tasks" },
        { "GET", "/api/v1/events?after=0" },
        { "GET", "/api/v1/workers" },
        { "POST", $"/api/v1/workers/{Environment.MachineName}/resume" },
        { "GET", "/api/v1/interactions" },
        { "POST", "/mcp" },
        { "GET", "/health" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/" },
        { "GET", "/api/v1/session" },
        { "GET", "/metrics" },
        { "GET", "/api/v1/stats" },
        { "GET", "/api/v1/agents/stats" },
        { "GET", "/api/v1/schedules" },
        { "GET", "/api/v1/sessions" },
        { "GET", "/api/v1/initiatives" },
        { "GET", "/api/streams" },
    };

    /// <summary>Initiative routes that name one: refused from a foreign page before the body is read or the initiative looked up.</summary>
    public static TheoryData<string, string> InitiativeRoutes => new()
    {
        { "GET", "/api/v1/initiatives/shop" },
        { "GET", "/api/streams/core" },
        { "POST", "/api/v1/initiatives" },
        { "POST", "/api/v1/initiatives/shop/start" },
        { "POST", "/api/v1/initiatives/shop/cancel" },
        { "POST", "/api/v1/initiatives/shop/archive" },
        { "POST", "/api/v1/initiatives/shop/unarchive" },
    };

    /// <summary>Schedule writes: refused from a foreign page before the body is read or the schedule looked up.</summary>
    public static TheoryData<string, string> ScheduleRoutes => new()
    {
        { "POST", "/api/v1/schedules" },
        { "POST", "/api/v1/schedules/nightly/trigger" },
        { "POST", "/api/v1/schedules/nightly/pause" },
    };

    /// <summary>The dashboard's routes: page and files, browser sign-in, share links. Refused from a foreign page too.</summary>
    public static TheoryData<string, string> DashboardRoutes => new()
    {
        { "GET", "/assets/app.js" },
        { "GET", "/share/shr_abcdefabcdef.1.signature" },
        { "POST", "/auth/sign-in" },
        { "POST", "/auth/sign-out" },
        { "GET", "/auth/open?code=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        { "GET", "/api/v1/shares" },
        { "POST", "/api/v1/shares" },
        { "POST", "/api/v1/shares/shr_abcdefabcdef/revoke" },
        { "GET", "/api/v1/shared/shr_abcdefabcdef.1.signature" },
    };

    /// <summary>The people-in-the-loop writes: refused from a foreign page before anything is looked up.</summary>
    public static TheoryData<string, string> PeopleRoutes => new()
    {
        { "POST", "/api/v1/interactions/in_abcdefabcdef/respond" },
        { "POST", "/api/v1/tasks/abcdefabcdef/intervene" },
        { "POST", "/api/v1/tasks/abcdefabcdef/pause" },
        { "POST", "/api/v1/tasks/abcdefabcdef/priority" },
        { "POST", "/api/v1/workflows/abcdefabcdef/pause" },
        { "POST", "/api/v1/workflows/abcdefabcdef/phases/build/approve" },
    };

    /// <summary>Sessions, capsules, fork and handoff: refused from a foreign page before the body is read or anything looked up.</summary>
    public static TheoryData<string, string> SessionRoutes => new()
    {
        { "GET", "/api/v1/sessions/sess-1" },
        { "GET", "/api/v1/tasks/abcdefabcdef/capsules" },
        { "POST", "/api/v1/tasks/abcdefabcdef/fork" },
        { "POST", "/api/v1/tasks/abcdefabcdef/handoff" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    [MemberData(nameof(PeopleRoutes))]
    [MemberData(nameof(DashboardRoutes))]
    [MemberData(nameof(ScheduleRoutes))]
    [MemberData(nameof(SessionRoutes))]
    [MemberData(nameof(InitiativeRoutes))]
    public async Task Request_ForeignHostOrOriginOrPort_403ProblemAndNothingChanged(string method, string path)
    {
        var port = fixture.Api.Http.BaseAddress!.Port;
        var other = port == 65000 ? 65001 : 65000;
        var attempts = new (string? Host, string? Origin)[]
        {
            ("evil.example", null),
            ($"evil.example:{port}", null),
            ($"localhost:{other}", null),
            ($"127.0.0.1:{other}", null),
            (null, "http://evil.example"),
            (null, $"http://evil.example:{port}"),
            (null, $"http://localhost:{other}"),
            (null, $"http://127.0.0.1:{other}"),
            (null, $"https://127.0.0.1:{port}.evil.example"),
            (null, "null"),
        };

        foreach (var (host, origin) in attempts)
        {
            using var response = await HostOriginRequest.SendAsync(fixture.Api, method, path, host, origin);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with Host {host} Origin {origin}: {(int)response.StatusCode}");
            var problem = await response.ProblemAsync();
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            Assert.Contains("DNS rebinding", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var list = await fixture.Api.Home.RunAsync("task", "list", "--json");
        Assert.Equal(0, list.Json.GetArrayLength());
    }
}
