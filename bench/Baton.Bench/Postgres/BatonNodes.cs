using Baton.Bench.Infrastructure;
using Baton.Bench.Scenarios;

namespace Baton.Bench.Postgres;

/// <summary>
/// Real Baton nodes on one PostgreSQL database, each a <c>baton serve</c> or <c>baton worker</c> process of the
/// Release build with its own data directory (a fresh temporary folder) and BATON_DB naming the database. Disposing
/// stops every one with SIGTERM (by the pid started here), kills what is still there, and deletes the folders.
/// </summary>
internal sealed class BatonNodes(string databaseUri, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(20);
    private readonly List<(DaemonProcess Process, BenchDirectory Home)> started = [];
    private readonly List<RestDaemon> apis = [];

    /// <summary>Starts <c>baton serve --workers <paramref name="slots"/></c> (0: the API without an engine) and returns its HTTP client.</summary>
    public async Task<RestDaemon> StartServeAsync(string name, int slots, CancellationToken cancellationToken = default)
    {
        var home = BenchDirectory.Create($"postgres-{name}");
        try
        {
            var rest = await RestDaemon.StartAsync(home.Path, Arguments("serve", name, slots), Environment(), time, cancellationToken);
            apis.Add(rest);
            started.Add((rest.Daemon, home));
            return rest;
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>Starts <c>baton worker --workers <paramref name="slots"/></c>, a node without HTTP, and waits until it answers on its socket.</summary>
    public async Task StartWorkerAsync(string name, int slots, CancellationToken cancellationToken = default)
    {
        var home = BenchDirectory.Create($"postgres-{name}");
        try
        {
            started.Add((await DaemonProcess.StartAsync(home.Path, Arguments("worker", name, slots), Environment(), time, cancellationToken), home));
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM to all first, so the nodes shut down side by side, then wait for each.
        var stopping = started.Select(node => StopAsync(node.Process)).ToList();
        await Task.WhenAll(stopping);
        foreach (var rest in apis)
        {
            await rest.DisposeAsync();
        }

        foreach (var (process, home) in started)
        {
            await process.DisposeAsync();
            home.Dispose();
        }
    }

    private static string[] Arguments(string command, string name, int slots) =>
        [command, "--workers", slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--name", name];

    private static async Task StopAsync(DaemonProcess process)
    {
        try
        {
            await process.StopAsync(StopDeadline);
        }
        catch (TimeoutException)
        {
            // Disposing kills it.
            Console.Error.WriteLine($"warning: baton node {process.Pid} did not stop within {StopDeadline.TotalSeconds:0} s of SIGTERM; killing it");
        }
    }

    private Dictionary<string, string> Environment() => new() { ["BATON_DB"] = databaseUri };
}
