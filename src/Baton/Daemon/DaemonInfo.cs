using System.Text.Json.Serialization;

namespace Baton.Daemon;

/// <summary>
/// What the running daemon writes to daemon.json: enough for another process to say who holds the lock, and the
/// addresses its HTTP server listens on (with the real port when port 0 was asked for), and how it contains attempts.
/// </summary>
internal sealed record DaemonInfo(int Pid, DateTimeOffset StartedAt, string DatabasePath, int Workers, string WorkerId, IReadOnlyList<string>? Urls = null, string? Containment = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DaemonInfo))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
