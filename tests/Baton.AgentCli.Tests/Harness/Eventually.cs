namespace Baton.AgentCli.Tests.Harness;

/// <summary>Waits for a condition that a CLI process or another thread makes true, bounded by a deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(limit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() >= deadline)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
