namespace Baton.Core.Tests.Testing;

/// <summary>Waits for a condition that another process or thread makes true, bounded by a deadline.</summary>
internal static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws if it does not within <paramref name="limit"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(limit.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() >= deadline)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
