using System.Globalization;

namespace Baton.Bench.Postgres;

/// <summary>Where pgbench is: beside the server programs the throw-away cluster runs (Debian's postgresql package).</summary>
internal static class PgbenchProgram
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Path => Located.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("BATON_TEST_PG_BIN") is { Length: > 0 } configured)
        {
            return System.IO.Path.Combine(configured, "pgbench");
        }

        const string debian = "/usr/lib/postgresql";
        return (Directory.Exists(debian) ? Directory.GetDirectories(debian) : [])
            .Select(version => System.IO.Path.Combine(version, "bin", "pgbench"))
            .Where(File.Exists)
            .OrderByDescending(path => int.TryParse(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(path))), CultureInfo.InvariantCulture, out var major) ? major : 0)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("pgbench is not installed: apt-get install postgresql (or set BATON_TEST_PG_BIN to the folder holding it)");
    }
}
