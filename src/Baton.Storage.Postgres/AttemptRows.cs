using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>The attempt columns, and how a row becomes an <see cref="AttemptRecord"/>.</summary>
internal static class AttemptRows
{
    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    public static readonly int ColumnCount = Columns.Split(',').Length;

    public const string Columns =
        "task_id, number, status, worker_id, started_at, ended_at, lease_expires_at, exit_code, signal, error, log_path, pid, pid_start_ticks, boot_id, " +
        "session_id, current_step, turns, api_retries, details, cgroup, reported_percent, reported_step, reported_at";

    public static AttemptRecord Read(NpgsqlDataReader r) => new()
    {
        Key = new AttemptKey(r.GetString(0), r.GetInt32(1)),
        Status = AttemptStates.Parse(r.GetString(2)),
        WorkerId = r.GetString(3),
        StartedAt = FromUnixMs(r.GetInt64(4)),
        EndedAt = r.GetTimeOrNull(5),
        LeaseExpiresAt = r.GetTimeOrNull(6),
        ExitCode = (int?)r.GetInt64OrNull(7),
        Signal = (int?)r.GetInt64OrNull(8),
        Error = r.GetStringOrNull(9),
        LogPath = r.GetStringOrNull(10),
        Process = r.IsDBNull(11) ? null : new ProcessIdentity(r.GetInt32(11), r.GetInt64(12), r.GetString(13), r.GetStringOrNull(19)),
        Progress = r.IsDBNull(14) && r.IsDBNull(15) && r.IsDBNull(16)
            ? null
            : new AgentProgress(r.GetStringOrNull(14), r.GetStringOrNull(15), (int)(r.GetInt64OrNull(16) ?? 0), (int)(r.GetInt64OrNull(17) ?? 0)),
        Details = StoreJson.ReadDetails(r.GetStringOrNull(18)),
        Report = r.IsDBNull(20) ? null : new AgentReport((int)r.GetInt64(20), r.GetStringOrNull(21) ?? string.Empty, FromUnixMs(r.GetInt64(22))),
    };

    /// <summary>Reads pid, start ticks, boot id and cgroup from four consecutive columns.</summary>
    public static ProcessIdentity? ReadProcess(NpgsqlDataReader r, int first) =>
        r.IsDBNull(first) ? null : new ProcessIdentity(r.GetInt32(first), r.GetInt64(first + 1), r.GetString(first + 2), r.GetStringOrNull(first + 3));
}
