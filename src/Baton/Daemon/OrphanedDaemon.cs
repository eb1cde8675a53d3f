using System.Globalization;
using Baton.Configuration;
using Baton.Core.Errors;

namespace Baton.Daemon;

/// <summary>
/// Finds a daemon that still runs on a data directory that was deleted (see <see cref="DataDirectoryGuard"/>): it
/// holds the deleted lock file open, which /proc shows as "PATH/daemon.lock (deleted)". Starting a second daemon on a
/// new directory at the same path would leave the user with two, one of them unreachable; so commands refuse and
/// name it instead. The evidence is the process's own open file, so naming its pid is safe.
/// </summary>
internal static class OrphanedDaemon
{
    /// <summary>Throws if a daemon runs on the deleted data directory that <paramref name="settings"/> names.</summary>
    public static void ThrowIfAny(BatonSettings settings)
    {
        if (Find(settings.LockPath) is { } pid)
        {
            var id = pid.ToString(CultureInfo.InvariantCulture);
            throw new BatonException(ErrorKind.Conflict,
                $"the data directory {settings.Home} was deleted while a Baton daemon (pid {id}) ran on it; that daemon takes no more work. "
                + $"Stop it (kill {id}), then run the command again to start afresh");
        }
    }

    private static int? Find(string lockPath)
    {
        var deleted = lockPath + " (deleted)";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId
                || !IsServe(pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries($"{dir}/fd").Any(fd => new FileInfo(fd).LinkTarget == deleted))
                {
                    return pid;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone, or another user's process: not this user's daemon.
            }
        }

        return null;
    }

    // Only 'baton serve' processes are worth a look at their open files.
    private static bool IsServe(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains("serve", StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
