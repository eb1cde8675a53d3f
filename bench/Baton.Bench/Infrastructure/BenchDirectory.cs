namespace Baton.Bench.Infrastructure;

/// <summary>A fresh temporary directory for one scenario, deleted with everything in it on dispose.</summary>
internal sealed class BenchDirectory : IDisposable
{
    private BenchDirectory(string path) => Path = path;

    public string Path { get; }

    public static BenchDirectory Create(string scenario) =>
        new(Directory.CreateTempSubdirectory($"baton-bench-{scenario}-").FullName);

    /// <summary>The scenario's SQLite database.</summary>
    public string DatabasePath => File("baton.db");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Subdirectory(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not worth failing a benchmark over, but say what was left behind.
            Console.Error.WriteLine($"warning: could not delete {Path}: {ex.Message}");
        }
    }
}
