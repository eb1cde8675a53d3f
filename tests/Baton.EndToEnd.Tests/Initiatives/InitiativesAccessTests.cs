using System.Net;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Api;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Initiatives;

/// <summary>Where tokens are required, a read token reads initiatives and streams but changes none (403 naming the scope it needs).</summary>
public sealed class InitiativesAccessTests : IAsyncLifetime
{
    private ApiDaemon api = null!;
    private string reader = null!;
    private string writer = null!;

    public async Task InitializeAsync()
    {
        var home = new BatonHome();
        home.RequireTokens();
        reader = await home.CreateTokenAsync("dashboard", "read");
        writer = await home.CreateTokenAsync("lead", "write");
        await GitRepository.InitAsync(home.Work);
        api = await ApiDaemon.StartOnAsync(home, workers: 1);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task ReadToken_ReadsInitiativesAndStreamsButCannotCreateStartCancelOrArchive()
    {
        var body = new JsonObject { ["source"] = InitiativeFiles.Shop(), ["repository"] = api.Home.Work }.ToJsonString();
        using (var created = await api.Http.SendAsync(HttpMethod.Post, "/api/v1/initiatives", writer, body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/initiatives", "/api/v1/initiatives/shop", "/api/streams", "/api/streams/core" })
        {
            using var read = await api.Http.SendAsync(HttpMethod.Get, path, reader);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)read.StatusCode}");
        }

        var other = new JsonObject { ["source"] = InitiativeFiles.Shop("other"), ["repository"] = api.Home.Work }.ToJsonString();
        foreach (var (method, path, json) in new[]
        {
            (HttpMethod.Post, "/api/v1/initiatives", other),
            (HttpMethod.Post, "/api/v1/initiatives/shop/start", "{}"),
            (HttpMethod.Post, "/api/v1/initiatives/shop/cancel", "{}"),
            (HttpMethod.Post, "/api/v1/initiatives/shop/archive", "{}"),
            (HttpMethod.Post, "/api/v1/initiatives/shop/unarchive", "{}"),
        })
        {
            using var refused = await api.Http.SendAsync(method, path, reader, json);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)refused.StatusCode}");
            Assert.Contains("needs a token with scope write or admin", (await refused.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var list = await api.Http.SendAsync(HttpMethod.Get, "/api/v1/initiatives?all=true", writer);
        var initiatives = (await ApiDaemon.ReadAsync(list)).GetProperty("initiatives").EnumerateArray().ToList();
        Assert.Equal(["shop"], initiatives.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("draft", initiatives[0].GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, initiatives[0].GetProperty("archived_at").ValueKind);
    }
}
