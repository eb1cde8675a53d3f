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

    [Fact]
    public async Task Open_WithABrowserOpener_HandsItAWorkingLinkAndPrintsNoLink()
    {
        // A stand-in for xdg-open that writes down the link it was given.
        var bin = Directory.CreateDirectory(Path.Combine(home.Dir, "bin")).FullName;
        var received = Path.Combine(home.Dir, "opened.txt");
        var opener = Path.Combine(bin, "xdg-open");
        File.WriteAllText(opener, $"#!/bin/sh\nprintf '%s' \"$1\" > '{received}.tmp' && mv '{received}.tmp' '{received}'\n");
        File.SetUnixFileMode(opener, (UnixFileMode)0b111_101_101);
        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";

        var result = await home.RunAsync(["dashboard"], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["PATH"] = path });
        await Eventually.True(() => File.Exists(received), TimeSpan.FromSeconds(10), "the opener to be run");
        var link = new Uri(File.ReadAllText(received));
        using var open = await http.GetAsync(link.PathAndQuery);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Opened the dashboard", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Query, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, open.StatusCode);
    }

    [Fact]
    public async Task ShareCreate_NeitherOrBothTargets_Exit2SayingWhatToGive()
    {
        var neither = await home.RunAsync("share", "create");
        var both = await home.RunAsync("share", "create", "--task", "abcdefabcdef", "--workflow", "abcdefabcdef");

        Assert.Equal((2, 2), (neither.ExitCode, both.ExitCode));
        Assert.Contains("either --task ID or --workflow ID", neither.Stderr, StringComparison.Ordinal);
    }

    private async Task<Uri> PrintAsync()
    {
        var result = await home.RunAsync("dashboard", "--print");
        Assert.True(result.ExitCode == 0, result.ToString());
        return new Uri(result.Stdout.Trim());
    }
}
