using System.CommandLine;
using System.Text.Json.Serialization;
using Baton.Configuration;
using Baton.Core.Agents;
using Baton.Core.Application;
using Baton.Core.Cluster;
using Baton.Core.Errors;
using Baton.Core.Processes;
using Baton.Daemon;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton doctor</c>: checks the set-up — settings, the store, the daemon, on a shared database the worker
/// nodes, the agent CLIs on PATH with their versions, and the agent definitions. Exit 0 unless something Baton
/// needs is broken (a missing agent CLI only warns: command tasks still run).
/// </summary>
internal static class DoctorCommand
{
    private static readonly (string Name, string Install)[] AgentClis =
    [
        ("claude", "npm i -g @anthropic-ai/claude-code"),
        ("codex", "npm i -g @openai/codex"),
        ("gemini", "npm i -g @google/gemini-cli"),
    ];

    public static Command Create()
    {
        var json = CommandAction.JsonOption();
        var command = new Command("doctor", "Check the set-up: store, daemon, agent CLIs and their versions, agent definitions") { json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var checks = new List<DoctorCheck>();
            BatonSettings? settings = null;
            try
            {
                settings = SettingsLoader.Load();
                checks.Add(new DoctorCheck("settings", "ok", $"data directory {settings.Home}"));
            }
            catch (BatonException ex)
            {
                checks.Add(new DoctorCheck("settings", "error", ex.Message));
            }

            if (settings is not null)
            {
                var (store, stores) = await StoreAsync(settings, ct);
                checks.Add(store);
                var daemonPid = await new DaemonClient(settings.SocketPath).PingAsync(ct);
                // What the running daemon wrote of itself; null when none runs or the file describes another process.
                var info = daemonPid is not null && DaemonLock.ReadInfo(settings) is { } read && read.Pid == daemonPid ? read : null;
                checks.Add(daemonPid is { } pid
                    ? new DoctorCheck("daemon", "ok", $"running (pid {pid})"
                        + (info is { Urls.Count: > 0 } ? $", serving HTTP on {string.Join(", ", info.Urls)}" : string.Empty)
                        + (info is { Workers: 0 } ? "; it serves the API only and runs no tasks" : string.Empty))
                    : new DoctorCheck("daemon", "warning", "not running; 'baton serve' starts one ('baton task add' does too)"));
                if (settings.DatabaseServer is not null && stores is not null)
                {
                    checks.Add(await WorkersAsync(stores, ct));
                }

                checks.Add(Containment(settings, info));
                foreach (var (name, install) in AgentClis)
                {
                    var configured = name switch { "claude" => settings.ClaudePath, "codex" => settings.CodexPath, _ => settings.GeminiPath };
                    checks.Add(await AgentCliAsync(name, install, configured, ct));
                }

                checks.Add(Agents(settings));
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(checks, DoctorJsonContext.Default.ListDoctorCheck);
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).AddColumn("CHECK").AddColumn("STATUS").AddColumn("DETAIL");
                foreach (var check in checks)
                {
                    var color = check.Status switch { "ok" => "green", "warning" => "yellow", _ => "red" };
                    table.AddRow(check.Check, $"[{color}]{check.Status}[/]", Markup.Escape(check.Detail));
                }

                AnsiConsole.Write(table);
            }

            return checks.Any(c => c.Status == "error") ? ExitCodes.StoreFailure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>On a shared database: which nodes run tasks; a warning when none does, since queued tasks then wait.</summary>
    private static async Task<DoctorCheck> WorkersAsync(IServiceProvider stores, CancellationToken ct)
    {
        try
        {
            var nodes = (await new WorkerService(stores.GetRequiredService<IWorkerStore>(), TimeProvider.System).ListAsync(ct)).Workers;
            var active = nodes.Where(n => n.State == "active").Select(n => $"{n.Name} ({n.Slots} slots)").ToList();
            var draining = nodes.Where(n => n.State == "draining").Select(n => n.Name).ToList();
            var drainingText = draining.Count > 0 ? $"; draining: {string.Join(", ", draining)}" : string.Empty;
            return active.Count > 0
                ? new DoctorCheck("workers", "ok", $"{active.Count} active: {string.Join(", ", active)}{drainingText}")
                : new DoctorCheck("workers", "warning", $"no active worker runs tasks, so queued tasks wait{drainingText}; start one with 'baton serve' or 'baton worker'");
        }
        catch (BatonException ex)
        {
            return new DoctorCheck("workers", "error", ex.Message);
        }
    }

    /// <summary>The store's check, and the opened store for the checks that read it (null if it failed).</summary>
    private static async Task<(DoctorCheck Check, IServiceProvider? Stores)> StoreAsync(BatonSettings settings, CancellationToken ct)
    {
        IServiceProvider stores;
        try
        {
            stores = await CliStore.OpenAsync(settings, TimeSpan.FromSeconds(2), ct);
        }
        catch (BatonException ex)
        {
            return (new DoctorCheck("store", "error", ex.Message), null);
        }

        var check = await InspectAsync(stores.GetRequiredService<IStoreMigrator>(), ct);
        return (check, check.Status == "error" ? null : stores);
    }

    private static async Task<DoctorCheck> InspectAsync(IStoreMigrator store, CancellationToken ct)
    {
        try
        {
            var asked = TimeProvider.System.GetUtcNow();
            var facts = await store.InspectAsync(ct);
            var answered = TimeProvider.System.GetUtcNow();
            var detail = $"{store.Description} ({facts.ServerVersion}, schema {facts.SchemaVersion} of {facts.KnownSchemaVersion})";
            if (store.IsReadOnly)
            {
                return new DoctorCheck("store", "warning", $"{detail}, read-only: this user may not write to its folder, so tasks can be looked at but not queued");
            }

            if (facts.ServerTime is { } serverTime)
            {
                // Leases and heartbeats compare this machine's clock with times other nodes wrote.
                var skew = ClockSkew.Measure(asked, answered, serverTime);
                return skew.TooLarge
                    ? new DoctorCheck("store", "warning", $"{detail}; {skew}: {ClockSkew.Advice}")
                    : new DoctorCheck("store", "ok", $"{detail}; {skew}");
            }

            return new DoctorCheck("store", "ok", detail);
        }
        catch (BatonException ex)
        {
            return new DoctorCheck("store", "error", ex.Message);
        }
    }

    /// <summary>What keeps attempts' processes together: the running daemon's choice, else what one started here would make.</summary>
    private static DoctorCheck Containment(BatonSettings settings, DaemonInfo? running)
    {
        if (running?.Containment is { } inForce)
        {
            return new DoctorCheck("containment", inForce.StartsWith("cgroup", StringComparison.Ordinal) ? "ok" : "warning", $"in force in the daemon: {inForce}");
        }

        try
        {
            var probe = ProcessContainment.Probe(settings.Containment);
            return new DoctorCheck("containment", probe.Kind == "cgroup" ? "ok" : "warning", $"a daemon started here would use {probe.Description}");
        }
        catch (BatonException ex)
        {
            return new DoctorCheck("containment", "error", ex.Message);
        }
    }

    private static async Task<DoctorCheck> AgentCliAsync(string name, string install, string? configuredPath, CancellationToken ct)
    {
        var path = configuredPath ?? ProgramResolver.Resolve(name, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out _);
        if (path is null || !File.Exists(path))
        {
            return new DoctorCheck(name, "warning", $"{name} not found on PATH; install it with {install}");
        }

        var version = await CapturedCommand.RunAsync(path, ["--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(10), ct);
        return version is (0, var output)
            ? new DoctorCheck(name, "ok", $"{output.Trim()} ({path})")
            : new DoctorCheck(name, "warning", $"{path} did not answer --version");
    }

    private static DoctorCheck Agents(BatonSettings settings)
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
        var catalog = AgentCatalog.Load(AgentCatalog.DefaultDirectories(Environment.CurrentDirectory, home, settings.AgentDirectories));
        return catalog.Problems.Count == 0
            ? new DoctorCheck("agents", "ok", $"{catalog.Agents.Count} agent definitions ('baton agents' lists them)")
            : new DoctorCheck("agents", "warning", $"{catalog.Agents.Count} agent definitions; {catalog.Problems.Count} files have problems ('baton agents' shows them)");
    }
}

/// <summary>One line of <c>baton doctor</c>.</summary>
internal sealed record DoctorCheck(string Check, string Status, string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<DoctorCheck>))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
