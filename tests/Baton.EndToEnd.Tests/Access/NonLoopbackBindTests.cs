using System.Net;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>
/// Serving on an address other machines can reach. The daemon listens on 0.0.0.0 here, but the tests only ever
/// connect through 127.0.0.1.
/// </summary>
public sealed class NonLoopbackBindTests
{
    private static readonly Dictionary<string, string> Wildcard = new() { ["BATON_URLS"] = "http://0.0.0.0:0" };

    [Fact]
    public async Task Serve_WildcardWithoutTokens_RefusesToStartInOneLine()
    {
        using var home = new BatonHome();

        var daemon = await home.StartDaemonAsync(workers: 1, waitUntilReady: false, environment: Wildcard);
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(5, exitCode);
        var line = Assert.Single(daemon.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("baton: refusing to serve on http://0.0.0.0:0", line, StringComparison.Ordinal);
        Assert.Contains("baton token create", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home.Dir, "daemon.sock")));
    }

    [Fact]
    public async Task Serve_WildcardWithOnlyRevokedTokens_RefusesToStart()
    {
        using var home = new BatonHome();
        await home.CreateTokenAsync("old", "write");
        Assert.Equal(0, (await home.RunAsync("token", "revoke", "old")).ExitCode);

        var daemon = await home.StartDaemonAsync(workers: 1, waitUntilReady: false, environment: Wildcard);

        Assert.Equal(5, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("refusing to serve", daemon.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WildcardWithToken_StartsAndRequiresTokens()
    {
        using var home = new BatonHome();
        var writer = await home.CreateTokenAsync("remote", "write");

        await home.StartDaemonAsync(workers: 1, environment: Wildcard);
        using var http = await home.HttpClientAsync();

        using (var anonymous = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var health = await http.SendAsync(HttpMethod.Get, "/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var authorised = await http.SendAsync(HttpMethod.Get, "/api/v1/tasks", writer);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
    }
}
