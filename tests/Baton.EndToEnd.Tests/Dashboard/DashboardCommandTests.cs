using System.Net;
using System.Text.Json;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Dashboard;

/// <summary>
/// <c>baton dashboard --print</c> against a real daemon that requires tokens: the one-time link signs the browser in
/// as the owner once (303 to the page with the cookie); a second use, or a made-up code, is refused.
/// </summary>
public sealed class DashboardCommandTests : IAsyncLifetime
{
    private readonly BatonHome home = new();
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        home.RequireTokens();
        await home.CreateTokenAsync("someone", "read");
        await home.StartDaemonAsync(workers: 1);
        http = await home.BrowserClientAsync();
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Print_LinkWorksOnceAsTheOwnerWithEveryRight()
    {
        var link = await PrintAsync();

        using var open = await http.GetAsync(link.PathAndQuery);
        var (cookie, _) = BrowserSteps.CookieOf(open);
        var session = await http.SessionAsync(cookie);
        using var create = await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/tasks", cookie, session.GetProperty("csrf_token").GetString(), home.CommandTask("owner-from-browser"));
        using var second = await http.GetAsync(link.PathAndQuery);

        Assert.Equal(http.BaseAddress!.Port, link.Port);
        Assert.Equal(HttpStatusCode.SeeOther, open.StatusCode);
        Assert.Equal("/", open.Headers.Location?.OriginalString);
        Assert.Equal("session", session.GetProperty("caller").GetString());
        Assert.Equal("admin", session.GetProperty("scope").GetString());
        Assert.Equal(Environment.UserName, session.GetProperty("name").GetString());
        Assert.True(create.StatusCode == HttpStatusCode.Created, $"{(int)create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var status = await home.StatusAsync(created.RootElement.GetProperty("task_id").GetString()!);
        Assert.Equal($"session:{Environment.UserName}", status.GetProperty("created_by").GetString());
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("used already", (await second.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/auth/open?code=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/auth/open?code=short")]
    [InlineData("/auth/open")]
    public async Task Open_UnknownCode_401ProblemPointingAtBatonDashboard(string path)
    {
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("baton dashboard", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private async Task<Uri> PrintAsync()
    {
        var result = await home.RunAsync("dashboard", "--print");
        Assert.True(result.ExitCode == 0, result.ToString());
        return new Uri(result.Stdout.Trim());
    }
}
