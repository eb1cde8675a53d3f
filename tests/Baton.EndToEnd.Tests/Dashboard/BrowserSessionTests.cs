using System.Net;
using System.Text.Json;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Dashboard;

/// <summary>
/// Browser sessions against a real daemon that requires tokens: signing in with a token gives an HttpOnly,
/// SameSite=Strict cookie with the token's scope; writes need the CSRF header; a read session cannot write; revoking
/// the token or signing out ends the session; a bad cookie gets a clear 401.
/// </summary>
public sealed class BrowserSessionTests : IAsyncLifetime
{
    private readonly BatonHome home = new();
    private HttpClient http = null!;
    private DaemonProcess daemon = null!;
    private string writer = null!;
    private string reader = null!;

    public async Task InitializeAsync()
    {
        home.RequireTokens();
        writer = await home.CreateTokenAsync("alice-laptop", "write");
        reader = await home.CreateTokenAsync("viewer", "read");
        daemon = await home.StartDaemonAsync(workers: 1);
        http = await home.BrowserClientAsync();
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SignIn_WriteToken_HttpOnlyStrictCookieAndSessionWithTheTokensScope()
    {
        var (cookie, setCookie) = await http.SignInAsync(writer);

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(writer, setCookie, StringComparison.Ordinal);
        var session = await http.SessionAsync(cookie);
        Assert.Equal("session", session.GetProperty("caller").GetString());
        Assert.Equal("write", session.GetProperty("scope").GetString());
        Assert.Equal("alice-laptop", session.GetProperty("name").GetString());
        Assert.Equal(64, session.GetProperty("csrf_token").GetString()!.Length);
    }

    [Fact]
    public async Task Write_WithCsrfToken_CreatedAndRecordedAsTheToken()
    {
        var (cookie, _) = await http.SignInAsync(writer);
        var csrf = (await http.SessionAsync(cookie)).GetProperty("csrf_token").GetString();

        using var create = await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/tasks", cookie, csrf, home.CommandTask("from-the-browser"));

        Assert.True(create.StatusCode == HttpStatusCode.Created, $"{(int)create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await create.Content.ReadAsStringAsync());
        var status = await home.StatusAsync(created.RootElement.GetProperty("task_id").GetString()!);
        Assert.Equal("token:alice-laptop", status.GetProperty("created_by").GetString());
    }

    [Fact]
    public async Task Write_WithoutOrWithWrongCsrfToken_403SayingWhatToSendAndNothingQueued()
    {
        var (cookie, _) = await http.SignInAsync(writer);
        var other = (await http.SessionAsync((await http.SignInAsync(writer)).Cookie)).GetProperty("csrf_token").GetString();

        foreach (var csrf in new[] { null, "nonsense", other })
        {
            using var create = await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/tasks", cookie, csrf, home.CommandTask("forged"));

            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
            Assert.Contains("X-Baton-Csrf", (await create.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var list = await home.RunAsync("task", "list", "--json");
        Assert.Equal(0, list.Json.GetArrayLength());
    }

    [Fact]
    public async Task ReadSession_Write_403InsufficientScopeButReadsServed()
    {
        var (cookie, _) = await http.SignInAsync(reader);
        var session = await http.SessionAsync(cookie);
        var csrf = session.GetProperty("csrf_token").GetString();

        using var list = await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/tasks", cookie);
        using var create = await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/tasks", cookie, csrf, home.CommandTask("refused"));
        using var share = await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/shares", cookie, csrf, """{"task_id":"abcdefabcdef"}""");

        Assert.Equal("read", session.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("write", (await create.ProblemAsync()).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, share.StatusCode);
    }

    [Fact]
    public async Task RevokedToken_EndsItsSession401()
    {
        var (cookie, _) = await http.SignInAsync(writer);
        await http.SessionAsync(cookie);

        var revoke = await home.RunAsync("token", "revoke", "alice-laptop");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using var after = await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/session", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithCsrf_EndsTheSessionAndClearsTheCookie()
    {
        var (cookie, _) = await http.SignInAsync(writer);
        var csrf = (await http.SessionAsync(cookie)).GetProperty("csrf_token").GetString();

        using var refused = await http.SendAsCookieAsync(HttpMethod.Post, "/auth/sign-out", cookie);
        using var signOut = await http.SendAsCookieAsync(HttpMethod.Post, "/auth/sign-out", cookie, csrf);
        using var after = await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/session", cookie);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("baton_session=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("baton_session=not-a-session")]
    [InlineData("baton_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task BadCookie_401ProblemSayingSignInAgainAndCookieCleared(string cookie)
    {
        using var response = await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/tasks", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains("sign in again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookie["baton_session=".Length..], problem.ToString(), StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("baton_session=;", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"token":"baton_0000000000000000000000000000000000000000"}""", 401)]
    [InlineData("""{"token":"nope"}""", 401)]
    [InlineData("""{"tokens":"x"}""", 400)]
    [InlineData("""not json""", 400)]
    public async Task SignIn_BadTokenOrBody_ClearProblemNoCookie(string body, int status)
    {
        using var response = await http.SendAsCookieAsync(HttpMethod.Post, "/auth/sign-in", null, json: body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.NotEmpty((await response.ProblemAsync()).GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Bearer_Session_SaysTokenWithoutCsrf()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/session");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", reader);
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("token", body.RootElement.GetProperty("caller").GetString());
        Assert.Equal("viewer", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("csrf_token").ValueKind);
    }

    [Fact]
    public async Task DaemonLog_SessionsOpenedUsedRefusedAndEnded_NamesIdsButNoSecret()
    {
        var (cookie, _) = await http.SignInAsync(writer);
        var csrf = (await http.SessionAsync(cookie)).GetProperty("csrf_token").GetString()!;
        using (await http.SendAsCookieAsync(HttpMethod.Post, "/api/v1/tasks", cookie, json: home.CommandTask("refused")))
        using (await http.SendAsCookieAsync(HttpMethod.Post, "/auth/sign-out", cookie, csrf))
        using (await http.SendAsCookieAsync(HttpMethod.Get, "/api/v1/tasks", cookie))
        {
        }

        await Eventually.True(() => daemon.Output.Contains("signed out", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the sign-out to be logged");
        var output = daemon.Output;
        Assert.Contains("Browser session ses_", output, StringComparison.Ordinal);
        foreach (var secret in new[] { cookie["baton_session=".Length..], csrf, writer })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }
}
