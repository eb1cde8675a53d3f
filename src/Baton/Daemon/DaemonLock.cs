using System.Text.Json;
using Baton.Configuration;
using Baton.Core.Access;
using Baton.Core.Errors;

namespace Baton.Daemon;

/// <summary>
/// Ensures one daemon per data directory with an exclusive advisory lock (flock) on daemon.lock, held for the
/// daemon's life and released by the kernel when it dies, however it dies.
/// </summary>
internal sealed class DaemonLock : IDisposable
{
    private readonly FileStream stream;

    private DaemonLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock or throws a conflict that names the process holding it.</summary>
    public static DaemonLock Acquire(BatonSettings settings)
    {
        settings.EnsureHome();
        try
        {
            // On Linux, FileShare.None makes .NET take flock(LOCK_EX | LOCK_NB) on the file.
            return new DaemonLock(new FileStream(settings.LockPath, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)));
        }
        catch (IOException)
        {
            var holder = ReadInfo(settings);
            var who = holder is null ? "another process" : $"process {holder.Pid} (started {holder.StartedAt:u})";
            throw BatonException.Conflict(
                $"a Baton daemon is already running for {settings.Home}: {who}. Stop it first (kill {holder?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "<pid>"}), or set BATON_HOME to another data directory");
        }
    }

    /// <summary>Records who holds the lock.</summary>
    public static void WriteInfo(BatonSettings settings, DaemonInfo info) =>
        PrivateFiles.WriteAllText(settings.DaemonInfoPath, JsonSerializer.Serialize(info, DaemonJsonContext.Default.DaemonInfo));

    /// <summary>The last daemon's info, if readable.</summary>
    public static DaemonInfo? ReadInfo(BatonSettings settings)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(settings.DaemonInfoPath), DaemonJsonContext.Default.DaemonInfo);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
