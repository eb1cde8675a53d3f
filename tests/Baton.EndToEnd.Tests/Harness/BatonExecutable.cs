namespace Baton.EndToEnd.Tests.Harness;

/// <summary>Finds the baton executable built next to this test project (same configuration).</summary>
internal static class BatonExecutable
{
    public static string Path { get; } = Locate();

    /// <summary>The repository's root folder (where Baton.slnx is).</summary>
    public static string RepositoryRoot => System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "../../../../.."));

    private static string Locate()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(baseDir);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Baton.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"cannot find the repository root above {baseDir}");
        }

        var path = System.IO.Path.Combine(dir.FullName, "src", "Baton", "bin", configuration, "net10.0", "baton");
        return File.Exists(path) ? path : throw new InvalidOperationException($"baton executable not built at {path}");
    }
}
