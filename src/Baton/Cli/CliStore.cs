using Baton.Configuration;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli;

/// <summary>
/// Opens the data directory's store for a CLI command: created and migrated as usual, or — when the directory may not
/// be written (a read-only mount, another owner's folder) but holds a database — opened for reading, so that status,
/// list, logs and the like still work. A command that writes then fails with a message that says why.
/// </summary>
internal static class CliStore
{
    /// <summary>The store's ports, migrated; <see cref="IStoreMigrator.IsReadOnly"/> says whether it may be written.</summary>
    public static async Task<IServiceProvider> OpenAsync(BatonSettings settings, TimeSpan? lockWait = null, CancellationToken cancellationToken = default)
    {
        if (settings.DatabaseServer is null && !File.Exists(settings.DatabasePath))
        {
            // A first run, or a data directory deleted under a running daemon: a new, empty store would hide that
            // daemon from the user, so look for one before creating anything.
            Daemon.OrphanedDaemon.ThrowIfAny(settings);
        }

        var options = StoreSelection.Options(settings) with { LockWait = lockWait ?? TimeSpan.FromSeconds(10), ReadOnlyFallback = true };
        var stores = new ServiceCollection().AddBatonStore(options).BuildServiceProvider();
        try
        {
            CliHome.Secure(settings);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException && File.Exists(settings.DatabasePath))
        {
            // A folder this user may not change: the store is opened for reading below.
        }

        await stores.GetRequiredService<IStoreMigrator>().MigrateAsync(cancellationToken);
        return stores;
    }
}
