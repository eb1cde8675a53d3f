using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Baton.Daemon;

/// <summary>
/// Notices when the daemon's data directory (or its database file) is deleted while it runs. The daemon keeps its
/// files open, so without this it would go on accepting work and writing it into files no one can ever read again,
/// while a new data directory at the same path knows nothing of it. Checked from the daemon's own open handles —
/// Linux shows an unlinked file's /proc/self/fd link as "PATH (deleted)" — once a second for the engine, and on every
/// request (two readlinks) so that none is accepted after the deletion. Once tripped it stays tripped: the engine
/// stops, and HTTP requests other than /health are refused with <see cref="Check"/>'s reason.
/// </summary>
internal sealed partial class DataDirectoryGuard : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly SafeFileHandle lockFile;
    private readonly string lockPath;
    private readonly string? databasePath;
    private readonly FileStream? database;
    private readonly TimeProvider time;
    private readonly ILogger<DataDirectoryGuard> logger;
    private readonly CancellationTokenSource tripped = new();
    private readonly Lock gate = new();
    private string? problem;

    public DataDirectoryGuard(SafeFileHandle lockFile, string lockPath, string? databasePath, TimeProvider time, ILogger<DataDirectoryGuard> logger)
    {
        this.lockFile = lockFile;
        this.lockPath = lockPath;
        this.databasePath = databasePath;
        this.time = time;
        this.logger = logger;
        // A handle of its own on the database file (none for a database server): the store's connections are not
        // reachable from here.
        database = databasePath is null ? null : new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Cancelled when the data directory is found deleted.</summary>
    public CancellationToken Tripped => tripped.Token;

    /// <summary>Why the daemon takes no more work, or null while its files are in place.</summary>
    public string? Check()
    {
        lock (gate)
        {
            if (problem is not null)
            {
                return problem;
            }

            var gone = IsUnlinked(lockFile) ? lockPath : database is not null && IsUnlinked(database.SafeFileHandle) ? databasePath : null;
            if (gone is null)
            {
                return null;
            }

            problem = $"this Baton daemon (pid {Environment.ProcessId}) takes no more work: {gone} was deleted while it ran, so what it stored is gone. "
                + "Stop it, and start Baton again to begin with a new data directory";
            LogDeleted(logger, gone);
            tripped.Cancel();
            return problem;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (Check() is null)
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        database?.Dispose();
        tripped.Dispose();
        base.Dispose();
    }

    private static bool IsUnlinked(SafeFileHandle handle)
    {
        try
        {
            var target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
            return target is not null && target.EndsWith(" (deleted)", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} was deleted while the daemon ran: it takes no more work (the engine stops; requests are refused). Stop this daemon and start Baton again")]
    private static partial void LogDeleted(ILogger logger, string path);
}
