using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also counts its live timers, for tests that must see a wait start before
/// they move the clock, or prove that a wait let go of its timer.
/// </summary>
internal sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int active;

    public TimerCountingTimeProvider()
        : base(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Timers created and not yet disposed.</summary>
    public int ActiveTimers => Volatile.Read(ref active);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref active);
        return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class CountedTimer(ITimer inner, TimerCountingTimeProvider owner) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.active);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
