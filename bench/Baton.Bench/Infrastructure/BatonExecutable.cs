using System.Reflection;
using Baton.Core.Runners;

namespace Baton.Bench.Infrastructure;

/// <summary>The baton executable that the bench's project reference builds, and the environment to run it in.</summary>
internal static class BatonExecutable
{
    /// <summary>Its absolute path; throws with how to fix it if it has not been built.</summary>
    public static string Locate()
    {
        var path = typeof(BatonExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BatonExecutable")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"the baton executable is not built at '{path}'; build the bench in the same configuration (dotnet build -c Release bench/Baton.Bench)");
    }

    /// <summary>This process's environment without any Baton settings, and with BATON_HOME set to <paramref name="home"/>.</summary>
    public static Dictionary<string, string> Environment(string home)
    {
        var environment = AttemptEnvironment.OfCurrentProcess()
            .Where(pair => !pair.Key.StartsWith("BATON_", StringComparison.Ordinal) && !pair.Key.StartsWith("ORCHESTR8_", StringComparison.Ordinal))
            .ToDictionary(StringComparer.Ordinal);
        environment["BATON_HOME"] = home;
        // A free port: the bench's daemons must not depend on 9090 being free.
        environment["BATON_URLS"] = "http://127.0.0.1:0";
        return environment;
    }
}
