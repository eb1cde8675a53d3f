namespace Baton.AgentCli.Tests.Harness;

/// <summary>
/// The baton executable the tests start as daemon and CLI: the build of the test projects publishes it compiled ahead
/// of time, as it is installed (tests/BatonExecutable.targets).
/// </summary>
internal static class BatonProgram
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, "src", "Baton", "bin", "ReadyToRun", "baton");
        return File.Exists(path) ? path : throw new InvalidOperationException($"baton is not published at {path}; build the tests first (dotnet build Baton.slnx)");
    }
}
