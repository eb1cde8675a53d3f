using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Baton.EndToEnd.Tests.Access;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard's page and files from a real daemon: served without a credential (even where tokens are required),
/// with the strict Content-Security-Policy and the other headers on every response, revalidated by ETag, and
/// compressed when the browser accepts it.
/// </summary>
public sealed partial class DashboardServingTests : IAsyncLifetime
{
    private const string Csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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

    [Theory]
    [InlineData("/")]
    [InlineData("/share/shr_abcdefabcdef.1.sig")]
    public async Task Page_WithoutCredential_HtmlWithStrictHeaders(string path)
    {
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertDashboardHeaders(response);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_SameETagAgain_304WithHeadersAndNoBody()
    {
        using var first = await http.GetAsync("/");
        var etag = first.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);

        using var response = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        AssertDashboardHeaders(response);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Page_AcceptedEncoding_CompressedToTheSameBytes(string accept, string expected)
    {
        using var identity = await http.GetAsync("/");
        var plain = await identity.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        AssertDashboardHeaders(response);
        Assert.NotEqual(identity.Headers.ETag!.Tag, response.Headers.ETag!.Tag);
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream decoder = expected == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(plain, decoded.ToArray());
    }

    [Fact]
    public async Task Assets_EveryFileThePageNames_ServedWithHeadersAndItsType()
    {
        var page = await http.GetStringAsync("/");
        var paths = AssetReference().Matches(page).Select(m => m.Groups[1].Value).ToList();
        // An executable built without Node.js serves a page without files; the real page names its script and styles.
        Assert.True(page.Contains("built without its dashboard", StringComparison.Ordinal) || paths.Count >= 2, page);

        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertDashboardHeaders(response);
            Assert.Equal(path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        }
    }

    [Fact]
    public async Task Assets_UnknownFile_404ProblemWithHeaders()
    {
        using var response = await http.GetAsync("/assets/nothing-here.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertDashboardHeaders(response);
        Assert.Contains("/assets/nothing-here.js", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Head_HeadersWithoutBody()
    {
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertDashboardHeaders(response);
        Assert.True(response.Content.Headers.ContentLength > 0);
    }

    [Fact]
    public async Task ApiBesideThePage_WithoutCredential_StillRefused()
    {
        using var response = await http.GetAsync("/api/v1/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static void AssertDashboardHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Csp, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
    }

    [GeneratedRegex("""(?:src|href)="(/assets/[^"]+)""")]
    private static partial Regex AssetReference();
}
