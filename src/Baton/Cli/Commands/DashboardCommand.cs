using System.CommandLine;
using Baton.Configuration;
using Baton.Core.Browser;
using Baton.Core.Processes;
using Baton.Core.Storage;
using Baton.Daemon;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton dashboard [--print]</c>: opens the dashboard in the browser already signed in, through a one-time link
/// (single use, 2 minutes) that gives the browser a session acting for the owner. The code is made in the store
/// directly, which only the owner can write. A daemon is started if none runs.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var print = new Option<bool>("--print") { Description = "Print the sign-in link instead of opening a browser" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none runs" };
        var command = new Command("dashboard", "Open the dashboard in your browser, signed in (a one-time link, valid 2 minutes)") { print, noStart };
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var settings = SettingsLoader.Load();
            var (pid, started) = await DaemonLauncher.EnsureRunningAsync(settings, allowStart: !r.GetValue(noStart), ct);
            if (started)
            {
                CliRuntime.NoteStarted(settings, pid);
            }

            var address = await DaemonAddress.HttpBaseAsync(settings, pid, ct);
            var stores = await CliStore.OpenAsync(settings, cancellationToken: ct);
            var sessions = new BrowserSessionService(stores.GetRequiredService<IBrowserAccessStore>(), stores.GetRequiredService<ITokenStore>(), TimeProvider.System);
            var link = $"{address}/auth/open?code={await sessions.CreateCodeAsync(Environment.UserName, ct)}";
            if (r.GetValue(print) || Browser() is not { } opener)
            {
                if (!r.GetValue(print))
                {
                    CliOutput.Note("No browser opener (xdg-open) found; open this link (it works once, within 2 minutes):");
                }

                Console.Out.WriteLine(link);
                return ExitCodes.Success;
            }

            ProcessLauncher.StartDetached(new ProcessStartSpec(opener, [link], Environment.CurrentDirectory, AttemptEnvironmentOf()), "/dev/null");
            CliOutput.Note($"Opened the dashboard at {address} in your browser (the sign-in link works once, within 2 minutes; 'baton dashboard --print' shows it)");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>xdg-open on PATH, if there is one.</summary>
    private static string? Browser() =>
        ProgramResolver.Resolve("xdg-open", Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out _);

    private static IReadOnlyDictionary<string, string> AttemptEnvironmentOf() => Core.Runners.AttemptEnvironment.OfCurrentProcess();
}
