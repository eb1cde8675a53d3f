using System.Net;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>
/// The routes the dashboard reads and writes through (task list filters, transcript, changes, continue, agent stats,
/// webhooks) under the same access rules as every other route, against a real daemon.
/// </summary>
public sealed class DashboardApiAccessTests
{
    private const string NeedsRoot = "making a second account needs root (CI runs as root)";

    private static readonly (string Method, string Path)[] Reads =
    [
        ("GET", "/api/v1/tasks?status=failed,cancelled&since=24h&q=build"),
        ("GET", "/api/v1/tasks/abcdefabcdef/transcript"),
        ("GET", "/api/v1/tasks/abcdefabcdef/changes"),
        ("GET", "/api/v1/agents/stats"),
        ("GET", "/api/v1/webhooks"),
        ("GET", "/api/v1/webhooks/wh_abcdefabcdef/deliveries"),
    ];

    private static readonly (string Method, string Path)[] Writes =
    [
        ("POST", "/api/v1/tasks/abcdefabcdef/continue"),
        ("POST", "/api/v1/webhooks/deliveries/msg_abcdefabcdef/redeliver"),
    ];

    [Fact]
    public async Task Writes_ForeignOrigin_403BeforeAnythingIsLookedUp()
    {
        using var home = new BatonHome();
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        foreach (var (method, path) in Writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"message\":\"hi\"}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Origin", "http://evil.example");
            using var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Contains("DNS rebinding", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RequireTokens_NoToken401_ReadTokenReadsButCannotWrite()
    {
        using var home = new BatonHome();
        home.RequireTokens();
        var reader = await home.CreateTokenAsync("reader", "read");
        await home.StartDaemonAsync(workers: 1);
        using var http = await home.HttpClientAsync();

        foreach (var (method, path) in Reads.Concat(Writes))
        {
            using var anonymous = await http.SendAsync(new HttpMethod(method), path, json: method == "POST" ? "{\"message\":\"hi\"}" : null);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a token: {(int)anonymous.StatusCode}");
        }

        foreach (var (method, path) in Reads)
        {
            using var read = await http.SendAsync(new HttpMethod(method), path, reader);
            // Admitted: the route itself answers (the ids are made up, so some say 404).
            Assert.True(read.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{method} {path} with a read token: {(int)read.StatusCode}");
        }

        foreach (var (method, path) in Writes)
        {
            using var write = await http.SendAsync(new HttpMethod(method), path, reader, "{\"message\":\"hi\"}");
            Assert.True(write.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a read token: {(int)write.StatusCode}");
            Assert.Equal("write", (await write.ProblemAsync()).GetProperty("required_scope").GetString());
        }
    }

    [SkippableFact]
    public async Task OtherAccount_EveryDashboardRoute_401()
    {
        Skip.IfNot(LocalAccount.CanCreate, NeedsRoot);
        await using var account = await LocalAccount.CreateAsync();
        using var home = new BatonHome();
        await home.StartDaemonAsync(workers: 1);
        var port = await home.PortAsync();

        foreach (var (method, path) in Reads.Concat(Writes))
        {
            var status = await account.HttpStatusAsync(port, method, path, method == "POST" ? "{\"message\":\"hi\"}" : null);
            Assert.True(status == 401, $"{method} {path} from another account: {status}");
        }
    }
}
