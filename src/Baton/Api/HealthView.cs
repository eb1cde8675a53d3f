namespace Baton.Api;

/// <summary><c>GET /health</c>: the daemon answers, and what it runs.</summary>
/// <param name="Status">Always <c>ok</c> when it answers.</param>
/// <param name="Version">Baton's version.</param>
/// <param name="Workers">How many attempts it runs at once.</param>
/// <param name="WorkerId">Its worker id (host:pid:start-ticks:place).</param>
/// <param name="StartedAt">When it started serving.</param>
/// <param name="UptimeSeconds">Seconds since then.</param>
internal sealed record HealthView(string Status, string Version, int Workers, string WorkerId, DateTimeOffset StartedAt, long UptimeSeconds);
