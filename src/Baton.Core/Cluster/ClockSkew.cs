namespace Baton.Core.Cluster;

/// <summary>
/// How far this machine's clock is from the database server's, from one round trip: the server's time against the
/// middle of the round trip, give or take half of it. Nodes judge one another's leases and heartbeats by their own
/// clocks against times the others wrote, so a skew beyond <see cref="Limit"/> shortens or lengthens them.
/// </summary>
/// <param name="Offset">Positive when this machine's clock is behind the server's.</param>
/// <param name="Bound">Half the round trip: the true offset lies within this of <paramref name="Offset"/>.</param>
public readonly record struct ClockSkew(TimeSpan Offset, TimeSpan Bound)
{
    /// <summary>The skew past which leases between nodes are misjudged by enough to matter.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    /// <summary>What to do about a skew past the limit, for messages.</summary>
    public static readonly string Advice =
        $"more than {Limit.TotalSeconds:0} s, which shortens or lengthens leases between nodes; sync the clocks (NTP)";

    /// <summary>The skew measured by a question asked at <paramref name="asked"/> and answered at <paramref name="answered"/> (this machine's clock).</summary>
    public static ClockSkew Measure(DateTimeOffset asked, DateTimeOffset answered, DateTimeOffset serverTime)
    {
        var half = (answered - asked) / 2;
        return new ClockSkew(serverTime - (asked + half), half);
    }

    /// <summary>Whether the skew is past <see cref="Limit"/>.</summary>
    public bool TooLarge => Offset.Duration() > Limit;

    /// <summary>"this machine's clock is 12 ms behind the database's (±1 ms)".</summary>
    public override string ToString() =>
        $"this machine's clock is {Offset.Duration().TotalMilliseconds:0} ms {(Offset > TimeSpan.Zero ? "behind" : "ahead of")} the database's (±{Bound.TotalMilliseconds:0} ms)";
}
