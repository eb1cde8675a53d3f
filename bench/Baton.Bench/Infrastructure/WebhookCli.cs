using System.Text.Json;
using Baton.Core.Processes;

namespace Baton.Bench.Infrastructure;

/// <summary>Registers webhooks with the real <c>baton webhook add</c>, on the daemon's data directory, as a user would.</summary>
internal sealed class WebhookCli(string home, TimeProvider time)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>baton webhook add URL --events TYPES --json</c>; returns the webhook's id.</summary>
    public async Task<string> AddAsync(string url, string events, CancellationToken cancellationToken = default)
    {
        string[] arguments = ["webhook", "add", url, "--events", events, "--json"];
        var spec = new ProcessStartSpec(BatonExecutable.Locate(), arguments, home, BatonExecutable.Environment(home));
        var run = await ChildProcesses.RunAsync(spec, time, RunTimeout, cancellationToken);
        if (run.Exit.ExitCode != 0)
        {
            throw new InvalidOperationException($"baton webhook add ended with {run.Exit}: {run.Stderr.Trim()}");
        }

        using var reply = JsonDocument.Parse(run.Stdout);
        return reply.RootElement.GetProperty("webhook").GetProperty("webhook_id").GetString()
            ?? throw new InvalidOperationException($"baton webhook add printed no webhook id: {run.Stdout.Trim()}");
    }
}
