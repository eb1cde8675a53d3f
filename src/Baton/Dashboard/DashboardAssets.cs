using System.Reflection;
using System.Text;

namespace Baton.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the executable at build time as resources named <c>dashboard/FILE</c>
/// (index.html, app.js, app.css): the daemon needs no file on disk and no network. An executable built without
/// them (no Node.js at build time) serves a short page that says so, rather than nothing.
/// </summary>
internal sealed class DashboardAssets
{
    /// <summary>The prefix of every embedded dashboard resource.</summary>
    public const string ResourcePrefix = "dashboard/";

    private readonly Dictionary<string, DashboardAsset> files;

    public DashboardAssets(Assembly assembly)
    {
        files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            files[name] = new DashboardAsset(name, ContentTypeOf(name), copy.ToArray());
        }

        Index = files.GetValueOrDefault("index.html") ?? new DashboardAsset("index.html", ContentTypeOf("index.html"), Encoding.UTF8.GetBytes(NotBuiltPage));
    }

    /// <summary>The page every dashboard route answers with (the page routes itself).</summary>
    public DashboardAsset Index { get; }

    /// <summary>The file served as <c>/assets/NAME</c>; null if there is none.</summary>
    public DashboardAsset? Find(string name) => files.GetValueOrDefault(name);

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };

    // No script and no style: the page obeys the same Content-Security-Policy as the real one.
    private const string NotBuiltPage =
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Baton</title></head>
        <body>
        <h1>Baton</h1>
        <p>This <code>baton</code> executable was built without its dashboard: Node.js and npm were missing when it was built.
        Install them and build again (<code>dotnet build src/Baton</code>). The REST API at <code>/api/v1</code> works as usual.</p>
        </body>
        </html>
        """;
}
