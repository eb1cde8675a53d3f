using System.Net;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Access;

/// <summary>The daemon's own names, on its own port, and names listed in allowed_hosts are served on every route family.</summary>
public sealed class OwnHostTests(ApiDaemonFixture fixture) : IClassFixture<ApiDaemonFixture>
{
    public static TheoryData<string, string> Routes => HostOriginTests.Routes;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_OwnHostAndOriginWithThePort_Served(string method, string path)
    {
        var port = fixture.Api.Http.BaseAddress!.Port;
        foreach (var (host, origin) in new (string?, string?)[] { ($"127.0.0.1:{port}", null), ($"localhost:{port}", $"http://localhost:{port}"), ($"[::1]:{port}", $"http://127.0.0.1:{port}") })
        {
            using var response = await HostOriginRequest.SendAsync(fixture.Api, method, path, host, origin);

            // Only a refusal's body is read: an event stream's never ends.
            Assert.True(response.IsSuccessStatusCode, response.IsSuccessStatusCode ? null : $"{method} {path} with Host {host} Origin {origin}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Request_NameListedInAllowedHosts_Served()
    {
        using var tunnelled = new BatonHome();
        tunnelled.Configure("allowed_hosts", new System.Text.Json.Nodes.JsonArray("baton.tunnel:8443"));
        await tunnelled.StartDaemonAsync(workers: 1);
        using var client = await tunnelled.HttpClientAsync();

        using var listed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tasks");
        listed.Headers.Host = "baton.tunnel:8443";
        listed.Headers.Add("Origin", "https://baton.tunnel:8443");
        using var otherPort = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tasks");
        otherPort.Headers.Host = "baton.tunnel:8444";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(listed)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(otherPort)).StatusCode);
    }
}
