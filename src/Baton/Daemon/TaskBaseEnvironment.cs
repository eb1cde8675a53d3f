using Baton.Configuration;

namespace Baton.Daemon;

/// <summary>
/// The environment every task of the daemon starts from: the daemon's own, plus how to reach this very Baton. A task
/// that runs <c>baton milestone</c> must find it even when <c>baton</c> is not installed on PATH (a daemon started with
/// <c>dotnet run</c>), and must talk to this daemon's data directory: so the daemon's executable is exported as
/// <c>BATON_EXE</c> and its folder put first on PATH, and <c>BATON_HOME</c> names the data directory.
/// </summary>
internal static class TaskBaseEnvironment
{
    public static IReadOnlyDictionary<string, string> For(BatonSettings settings, IReadOnlyDictionary<string, string> daemon, string? executable)
    {
        var environment = new Dictionary<string, string>(daemon, StringComparer.Ordinal) { ["BATON_HOME"] = settings.Home };
        if (executable is null)
        {
            return environment;
        }

        environment["BATON_EXE"] = executable;
        var folder = Path.GetDirectoryName(executable)!;
        var rest = environment.TryGetValue("PATH", out var path)
            ? path.Split(':').Where(p => p.Length > 0 && p.TrimEnd('/') != folder.TrimEnd('/'))
            : [];
        environment["PATH"] = string.Join(':', rest.Prepend(folder));
        return environment;
    }
}
