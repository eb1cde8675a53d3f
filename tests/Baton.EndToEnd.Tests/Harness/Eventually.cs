namespace Baton.EndToEnd.Tests.Harness;

/// <summary>Waits for a condition with a deadline: the only way these tests wait.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var start = TimeProvider.System.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    public static Task True(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        Until<object>(async () => await probe() ? new object() : null, timeout, what);

    public static Task True(Func<bool> probe, TimeSpan timeout, string what) =>
        True(() => Task.FromResult(probe()), timeout, what);
}
