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
    /// <summary>EWOULDBLOCK: flock found the lock taken (what .NET reports as this IOException's HResult).</summary>
    private const int LockHeldByAnother = 11;

    private readonly FileStream stream;

    private DaemonLock(FileStream stream) => this.stream = stream;

    /// <summary>The open lock file, which the daemon keeps for its life (and watches: see <see cref="DataDirectoryGuard"/>).</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle Handle => stream.SafeFileHandle;

    /// <summary>Takes the lock or throws a conflict that names the process holding it.</summary>
    public static DaemonLock Acquire(BatonSettings settings)
    {
        settings.EnsureHome();
        try
        {
            // On Linux, FileShare.None makes .NET take flock(LOCK_EX | LOCK_NB) on the file.
            return new DaemonLock(new FileStream(settings.LockPath, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)));
        }
        catch (IOException ex) when (ex.HResult == LockHeldByAnother)
        {
            throw BatonException.Conflict(LockHolder.AlreadyHeld(settings, ReadInfo(settings)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not a rival daemon: the data directory cannot be written (read-only, another owner), so none can run here.
            throw new BatonException(ErrorKind.Unavailable,
                $"cannot take the daemon's lock {settings.LockPath} ({ex.Message.TrimEnd('.')}); a daemon needs a data directory it may write to: fix its permissions, or set BATON_HOME to another one", ex);
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
