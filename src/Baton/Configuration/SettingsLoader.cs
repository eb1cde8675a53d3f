using System.Globalization;
using System.Text.Json;
using Baton.Core.Engine;
using Baton.Core.Errors;
using Baton.Core.Webhooks;

namespace Baton.Configuration;

/// <summary>
/// Resolves settings: command-line flags first, then environment (BATON_* and the ORCHESTR8_* names earlier orchestrators used), then
/// baton.json in the data directory, then defaults. Invalid values fail with a message naming where they came from.
/// </summary>
internal static class SettingsLoader
{
    /// <param name="workersFlag">--workers.</param>
    /// <param name="environment">The environment (tests pass their own).</param>
    /// <param name="node">--name and --label of <c>baton serve</c> and <c>baton worker</c>.</param>
    /// <param name="allowNoWorkers">True for <c>baton serve</c>, which may serve without running tasks (--workers 0).</param>
    /// <param name="startedInBackground">
    /// True for a daemon a command started in the background: it runs <see cref="BatonSettings.BackgroundWorkers"/> slots.
    /// </param>
    public static BatonSettings Load(
        int? workersFlag = null, Func<string, string?>? environment = null, NodeFlags? node = null, bool allowNoWorkers = false, bool startedInBackground = false)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var home = Path.GetFullPath(Expand(env("BATON_HOME") ?? Path.Combine(HomeDirectory(env), ".baton"), env));
        var file = ConfigFile.Read(Path.Combine(home, "baton.json"));

        var dbFromEnvironment = env("BATON_DB") ?? env("ORCHESTR8_DB_PATH");
        var db = dbFromEnvironment ?? file.String("db");
        var server = db is not null && StoreSelection.IsServer(db) ? db : null;

        var configuredWorkers = workersFlag
            ?? Int("BATON_WORKERS", env("BATON_WORKERS"))
            ?? Int("ORCHESTR8_WORKERS", env("ORCHESTR8_WORKERS"))
            ?? file.Int("workers");
        // On a database the team shares, a daemon that a command (task add, mcp, dashboard, ...) started on its own
        // serves the API only: typing a command must not make this machine a node that claims other people's tasks.
        // Running tasks here is asked for with 'baton serve', 'baton worker' or a configured number of workers.
        var backgroundWorkers = configuredWorkers ?? (server is null ? Environment.ProcessorCount : 0);
        var engine = new EngineOptions
        {
            Workers = startedInBackground ? backgroundWorkers : configuredWorkers ?? Environment.ProcessorCount,
            LogDirectory = Path.Combine(home, "logs"),
            WorktreeDirectory = Path.Combine(home, "worktrees"),
        };
        engine.StopGracePeriod = file.Seconds("stop_grace_seconds") ?? engine.StopGracePeriod;
        engine.LeaseDuration = file.Seconds("lease_seconds") ?? engine.LeaseDuration;
        engine.LeaseRenewInterval = file.Seconds("lease_renew_seconds") ?? engine.LeaseDuration / 3;
        engine.MaxRescues = file.Int("max_rescues") ?? engine.MaxRescues;
        engine.LogCapBytes = file.Int("log_cap_bytes") ?? engine.LogCapBytes;
        engine.Retry.BaseDelay = file.Seconds("retry_base_seconds") ?? engine.Retry.BaseDelay;
        engine.Retry.MaxDelay = file.Seconds("retry_cap_seconds") ?? engine.Retry.MaxDelay;
        var worker = file.Section("worker");
        engine.NodeName = node?.Name ?? env("BATON_WORKER_NAME") ?? worker.String("name") ?? engine.NodeName;
        engine.Labels = node?.Labels is { Count: > 0 } labels ? labels
            : env("BATON_WORKER_LABELS") is { } listed ? listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : worker.Strings("labels");
        var serveOnly = allowNoWorkers && engine.Workers == 0;
        try
        {
            // Without workers nothing runs; the engine's other settings are still checked, as for any daemon.
            engine.Workers = serveOnly ? 1 : engine.Workers;
            engine.Validate();
        }
        catch (ArgumentException ex)
        {
            throw BatonException.Invalid($"invalid setting: {ex.Message}");
        }
        finally
        {
            engine.Workers = serveOnly ? 0 : engine.Workers;
        }

        engine.Prices = Core.Costs.PriceTable.Parse(file.Element("prices"), file.Source);
        engine.Budgets = Core.Costs.BudgetOptions.Parse(file.Element("budgets"), file.Source);

        var durability = file.String("durability") ?? "normal";
        if (durability is not ("normal" or "full"))
        {
            throw BatonException.Invalid($"baton.json: durability must be \"normal\" or \"full\" (got \"{durability}\")");
        }

        var containment = file.String("containment") ?? "auto";
        if (!Core.Processes.ContainmentModes.TryParse(containment, out var containmentMode))
        {
            throw BatonException.Invalid($"baton.json: containment must be one of {string.Join(", ", Core.Processes.ContainmentModes.AllNames.Select(n => $"\"{n}\""))} (got \"{containment}\")");
        }

        return new BatonSettings
        {
            Home = home,
            // A relative path in baton.json is the data directory's, like its other paths, whatever folder a command runs in.
            DatabasePath = Path.GetFullPath(Expand(server is null ? db ?? "baton.db" : "baton.db", env), dbFromEnvironment is null || server is not null ? home : Environment.CurrentDirectory),
            DatabaseServer = server,
            Engine = engine,
            BackgroundWorkers = backgroundWorkers,
            SynchronousFull = durability == "full",
            Containment = containmentMode,
            ClaudePath = file.String("claude_path") is { } claude ? Path.GetFullPath(Expand(claude, env), home) : null,
            CodexPath = file.String("codex_path") is { } codex ? Path.GetFullPath(Expand(codex, env), home) : null,
            GeminiPath = file.String("gemini_path") is { } gemini ? Path.GetFullPath(Expand(gemini, env), home) : null,
            AgentDirectories = [.. file.Strings("agent_dirs").Select(d => Path.GetFullPath(Expand(d, env), home))],
            Urls = Urls(env, file),
            RequireTokens = file.Bool("require_tokens") ?? false,
            AllowOtherUsers = file.Bool("allow_other_users") ?? false,
            AgentMcp = file.Bool("agent_mcp") ?? true,
            AllowedHosts = AllowedHostsOf(file),
            Hooks = Core.Hooks.HookDefinitions.Parse(file.Element("hooks"), file.Source),
            FailureRateAlerts = Core.Alerts.FailureRateRules.Parse(file.Element("alerts"), file.Source),
            EventRetentionDays = Core.Events.EventRetention.ParseDays(file.Element("events"), file.Source),
            Webhooks = Webhooks(file.Section("webhooks")),
            InitiativeMaxParallel = file.Int("initiative_max_parallel") is { } maxParallel
                ? maxParallel is >= 1 and <= Core.Initiatives.InitiativeRules.MaxParallelLimit
                    ? maxParallel
                    : throw file.Wrong("initiative_max_parallel", $"a whole number from 1 to {Core.Initiatives.InitiativeRules.MaxParallelLimit}")
                : Core.Initiatives.InitiativeDefinition.DefaultMaxParallel,
        };
    }

    /// <summary>baton.json "webhooks": every key optional, each checked with a message that says how to fix it.</summary>
    private static WebhookOptions Webhooks(ConfigFile section)
    {
        var defaults = new WebhookOptions();
        var schedule = defaults.Schedule;
        if (section.Strings("retry_schedule") is { Count: > 0 } texts)
        {
            var delays = new List<TimeSpan>();
            foreach (var text in texts)
            {
                delays.Add(DurationText.TryParse(text) is { } delay && delay <= TimeSpan.FromDays(7)
                    ? delay
                    : throw section.Wrong("retry_schedule", $"a list of durations up to 7d like [\"0s\", \"5s\", \"5m\", \"2h\"] (\"{text}\" is not one)"));
            }

            schedule = new RetrySchedule(delays);
        }

        var timeout = section.Seconds("timeout_seconds") ?? defaults.Timeout;
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            throw section.Wrong("timeout_seconds", "a number of seconds above 0 and at most 300");
        }

        var overlap = section.Number("rotation_overlap_hours", "a number of hours from 0 to 720") is { } hours ? TimeSpan.FromHours(hours) : defaults.RotationOverlap;
        if (overlap > TimeSpan.FromDays(30))
        {
            throw section.Wrong("rotation_overlap_hours", "a number of hours from 0 to 720");
        }

        return new WebhookOptions { AllowPrivate = section.Bool("allow_private") ?? true, Schedule = schedule, Timeout = timeout, RotationOverlap = overlap };
    }

    /// <summary>baton.json "allowed_hosts", checked now so that a daemon never starts with an entry it cannot read.</summary>
    private static IReadOnlyList<string> AllowedHostsOf(ConfigFile file)
    {
        var hosts = file.Strings("allowed_hosts");
        Access.AllowedHosts.Parse(hosts);
        return hosts;
    }

    /// <summary>BATON_URLS (comma or semicolon separated), else ORCHESTR8_HOST/ORCHESTR8_PORT, else "urls", else the default.</summary>
    private static IReadOnlyList<string> Urls(Func<string, string?> env, ConfigFile file)
    {
        IReadOnlyList<string> urls;
        string source;
        if (env("BATON_URLS") is { Length: > 0 } list)
        {
            (urls, source) = (list.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), "BATON_URLS");
        }
        else if (env("ORCHESTR8_HOST") is not null || env("ORCHESTR8_PORT") is not null)
        {
            var port = env("ORCHESTR8_PORT") ?? "9090";
            if (!int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number is < 0 or > 65535)
            {
                throw BatonException.Invalid($"ORCHESTR8_PORT must be a port number from 0 to 65535 (got '{port}')");
            }

            var host = env("ORCHESTR8_HOST") ?? "127.0.0.1";
            (urls, source) = ([$"http://{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host)}:{number}"], "ORCHESTR8_HOST/ORCHESTR8_PORT");
        }
        else if (file.Strings("urls") is { Count: > 0 } configured)
        {
            (urls, source) = (configured, "baton.json \"urls\"");
        }
        else
        {
            return [BatonSettings.DefaultUrl];
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw BatonException.Invalid($"{source}: '{url}' is not an address to serve on; write it like http://127.0.0.1:9090");
            }
        }

        return urls;
    }

    private static int? Int(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw BatonException.Invalid($"{name} must be a positive whole number (got '{value}')");
    }

    private static string HomeDirectory(Func<string, string?> env) =>
        env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string Expand(string path, Func<string, string?> env) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) ? HomeDirectory(env) + path[1..] : path;

    /// <summary>baton.json, read once; a malformed file is an error, a missing one is empty.</summary>
    private sealed class ConfigFile(string path, JsonElement root)
    {
        public static ConfigFile Read(string path)
        {
            if (!File.Exists(path))
            {
                return new ConfigFile(path, default);
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? new ConfigFile(path, document.RootElement.Clone())
                    : throw BatonException.Invalid($"{path} must hold a JSON object");
            }
            catch (JsonException ex)
            {
                throw BatonException.Invalid($"{path} is not valid JSON (line {ex.LineNumber + 1}): fix or remove it");
            }
        }

        /// <summary>Where the settings came from, for messages.</summary>
        public string Source => path;

        /// <summary>A setting's raw JSON, for settings with a reader of their own (hooks, events).</summary>
        public JsonElement? Element(string key) => Get(key);

        public string? String(string key) => Get(key) is { ValueKind: JsonValueKind.String } e ? e.GetString() : Get(key) is null ? null : throw Wrong(key, "a string");

        public IReadOnlyList<string> Strings(string key) => Get(key) switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                [.. list.EnumerateArray().Select(e => e.GetString()!)],
            _ => throw Wrong(key, "a list of strings"),
        };

        public bool? Bool(string key) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Wrong(key, "true or false"),
        };

        public int? Int(string key) => Get(key) is { } e ? (e.TryGetInt32(out var v) && v >= 0 ? v : throw Wrong(key, "a whole number")) : null;

        public TimeSpan? Seconds(string key) =>
            Get(key) is { } e ? (e.TryGetDouble(out var v) && v >= 0 ? TimeSpan.FromSeconds(v) : throw Wrong(key, "a number of seconds")) : null;

        public double? Number(string key, string expected) =>
            Get(key) is { } e ? (e.TryGetDouble(out var v) && v >= 0 ? v : throw Wrong(key, expected)) : null;

        /// <summary>A nested object (like "webhooks"), read with the same checks; empty if missing.</summary>
        public ConfigFile Section(string key) => Get(key) switch
        {
            null => new ConfigFile($"{path}: \"{key}\"", default),
            { ValueKind: JsonValueKind.Object } section => new ConfigFile($"{path}: \"{key}\"", section),
            _ => throw Wrong(key, "an object"),
        };

        private JsonElement? Get(string key) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        public BatonException Wrong(string key, string expected) => BatonException.Invalid($"{path}: \"{key}\" must be {expected}");
    }
}
