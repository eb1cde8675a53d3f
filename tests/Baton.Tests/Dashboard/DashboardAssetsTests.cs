using System.IO.Compression;
using System.Text;
using Baton.Dashboard;

namespace Baton.Tests.Dashboard;

/// <summary>The embedded files as the daemon serves them: found by name, typed, compressed to the same bytes, tagged per encoding.</summary>
public sealed class DashboardAssetsTests
{
    private readonly DashboardAssets assets = new(typeof(DashboardAssetsTests).Assembly);

    [Theory]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    public void Find_EmbeddedFile_ItsBytesAndType(string name, string type)
    {
        var asset = assets.Find(name);

        Assert.NotNull(asset);
        Assert.Equal(type, asset.ContentType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Dashboard", "TestAssets", name)), asset.Content);
    }

    [Fact]
    public void Index_Embedded_IsTheEmbeddedPage() =>
        Assert.Contains("/assets/app.js", Encoding.UTF8.GetString(assets.Index.Content), StringComparison.Ordinal);

    [Fact]
    public void Find_NotEmbedded_Null()
    {
        Assert.Null(assets.Find("other.js"));
        Assert.Null(assets.Find("../Baton.Tests.dll"));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public void For_Encoding_DecompressesToTheFileWithItsOwnETag(string encoding)
    {
        var asset = assets.Find("app.js")!;

        var (body, etag) = asset.For(encoding);

        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.Equal(asset.Content, output.ToArray());
        Assert.True(body.Length < asset.Content.Length);
        Assert.NotEqual(asset.For(null).ETag, etag);
        Assert.Same(body, asset.For(encoding).Body);
    }

    [Fact]
    public void Index_NothingEmbedded_APageThatSaysSo()
    {
        var empty = new DashboardAssets(typeof(Core.Access.TokenIds).Assembly);

        Assert.Contains("built without its dashboard", Encoding.UTF8.GetString(empty.Index.Content), StringComparison.Ordinal);
        Assert.Null(empty.Find("app.js"));
    }
}
