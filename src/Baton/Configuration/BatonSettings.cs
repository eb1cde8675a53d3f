using Baton.Core.Access;
using Baton.Core.Engine;

namespace Baton.Configuration;

/// <summary>Everything resolved from flags, environment and baton.json, in that order of precedence.</summary>
internal sealed record BatonSettings
{
    /// <summary>The data directory (BATON_HOME, default ~/.baton).</summary>
    public required string Home { get; init; }

    /// <summary>
    /// The SQLite database file (BATON_DB or ORCHESTR8_DB_PATH, default HOME/baton.db); unused when
    /// <see cref="DatabaseServer"/> is set.
    /// </summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// The PostgreSQL database all nodes share, as given (a postgresql:// URI or an Npgsql connection string), or null
    /// for the embedded SQLite file. It may hold a password: never print it; the store's description names it safely.
    /// </summary>
    public string? DatabaseServer { get; init; }

    /// <summary>The value BATON_DB must have for another Baton process to open this same store.</summary>
    public string StoreLocation => DatabaseServer ?? DatabasePath;

    /// <summary>Engine settings, workers included.</summary>
    public required EngineOptions Engine { get; init; }

    /// <summary>
    /// The slots of a daemon that a command started in the background: the configured workers (--workers,
    /// BATON_WORKERS, baton.json "workers"); without them, one per core on the embedded store and none on a
    /// PostgreSQL database, where such a daemon serves the API only and never joins the cluster's workers unasked.
    /// </summary>
    public int BackgroundWorkers { get; init; }

    /// <summary>The Claude Code executable (baton.json "claude_path"); null looks up <c>claude</c> on PATH.</summary>
    public string? ClaudePath { get; init; }

    /// <summary>The Codex executable (baton.json "codex_path"); null looks up <c>codex</c> on PATH.</summary>
    public string? CodexPath { get; init; }

    /// <summary>The Gemini CLI executable (baton.json "gemini_path"); null looks up <c>gemini</c> on PATH.</summary>
    public string? GeminiPath { get; init; }

    /// <summary>Folders of agent definitions before the project's and the user's (baton.json "agent_dirs").</summary>
    public IReadOnlyList<string> AgentDirectories { get; init; } = [];

    /// <summary>
    /// Where the daemon serves REST, MCP over HTTP and the dashboard (BATON_URLS, or ORCHESTR8_HOST and
    /// ORCHESTR8_PORT, or baton.json "urls"); default http://127.0.0.1:9090. Port 0 picks a free port; the daemon
    /// writes the addresses it got to daemon.json.
    /// </summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9090";

    /// <summary>
    /// Whether HTTP callers must present an API token even on loopback, the daemon's owner included (baton.json
    /// "require_tokens"; default false). On any other address tokens are always required.
    /// </summary>
    public bool RequireTokens { get; init; }

    /// <summary>
    /// Whether other accounts of this machine may use the API over loopback without a token (baton.json
    /// "allow_other_users"; default false: only the account that runs the daemon may). For single-user machines.
    /// </summary>
    public bool AllowOtherUsers { get; init; }

    /// <summary>
    /// Names (and ports) besides its own that the daemon answers to as Host and Origin (baton.json "allowed_hosts":
    /// "name" or "name:port"); default none. For a proxy or SSH tunnel that reaches it under another name.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Webhook delivery settings (baton.json "webhooks": allow_private, retry_schedule, timeout_seconds, rotation_overlap_hours).</summary>
    public Core.Webhooks.WebhookOptions Webhooks { get; init; } = new();

    /// <summary>
    /// Whether agent runs get Baton's own MCP server for their task (context_save, context_load, progress_update); on
    /// unless baton.json says "agent_mcp": false.
    /// </summary>
    public bool AgentMcp { get; init; } = true;

    /// <summary>SQLite synchronous=FULL instead of NORMAL (baton.json "durability": "full").</summary>
    public bool SynchronousFull { get; init; }

    /// <summary>
    /// How attempts' processes are kept together (baton.json "containment": "auto", "cgroup" or "subreaper"; default
    /// auto: a cgroup v2 per attempt where possible, else the daemon as child subreaper).
    /// </summary>
    public Core.Processes.ContainmentMode Containment { get; init; }

    /// <summary>Local hooks: shell commands the daemon runs for events (baton.json "hooks"; default none).</summary>
    public IReadOnlyList<Core.Hooks.HookDefinition> Hooks { get; init; } = [];

    /// <summary>baton.json "alerts"."failure_rate": when an agent's or workflow's failed share over a window raises <c>alert.failure_rate</c>.</summary>
    public IReadOnlyList<Core.Alerts.FailureRateRule> FailureRateAlerts { get; init; } = [];

    /// <summary>Days the event log and its notifications are kept (baton.json "events": {"retention_days": N}; default 30).</summary>
    public int EventRetentionDays { get; init; } = Core.Events.EventRetention.DefaultDays;

    /// <summary>Where attempt logs go.</summary>
    public string LogDirectory => Path.Combine(Home, "logs");

    /// <summary>The daemon's wake-up socket.</summary>
    public string SocketPath => Path.Combine(Home, "daemon.sock");

    /// <summary>Held by the one daemon of this data directory.</summary>
    public string LockPath => Path.Combine(Home, "daemon.lock");

    /// <summary>Who holds the lock: pid and start time, for the message a second daemon prints.</summary>
    public string DaemonInfoPath => Path.Combine(Home, "daemon.json");

    /// <summary>Output of a daemon started in the background.</summary>
    public string DaemonLogPath => Path.Combine(Home, "daemon.log");

    /// <summary>Creates the data directory readable by its owner only: it holds task environments, which may carry secrets.</summary>
    public void EnsureHome() => PrivateFiles.CreateDirectory(Home);

    /// <summary>
    /// Creates the data directory, or makes an existing one and what Baton wrote in it private to its owner (folders
    /// 0700, files 0600; worktrees keep their repository's modes). Returns what it had to tighten, for the user to
    /// hear once.
    /// </summary>
    public IReadOnlyList<string> SecureHome() =>
        PrivateFiles.Tighten(
            Home,
            [DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DaemonInfoPath, LockPath, DaemonLogPath, SocketPath],
            [LogDirectory],
            [Engine.WorktreeDirectory]);

    /// <summary>
    /// At most this many parallel streams in an initiative that sets no max_parallel of its own (baton.json
    /// "initiative_max_parallel"; default 5).
    /// </summary>
    public int InitiativeMaxParallel { get; init; } = Core.Initiatives.InitiativeDefinition.DefaultMaxParallel;
}
