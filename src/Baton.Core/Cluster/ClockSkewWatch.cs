using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Cluster;

/// <summary>
/// A node of a database on another machine measures its clock against the database's when it starts and every
/// <see cref="Interval"/>, and warns in its log while the two are further apart than <see cref="ClockSkew.Limit"/>
/// (then says once that they agree again). <c>baton doctor</c> shows the same measure on demand; this is for the
/// node that runs for weeks while its clock drifts.
/// </summary>
public sealed partial class ClockSkewWatch(IStoreMigrator store, TimeProvider time, ILogger<ClockSkewWatch> logger)
{
    /// <summary>How often the clocks are compared after the first time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How soon a comparison that failed (the database out of reach) is tried again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private bool warned;

    /// <summary>Compares the clocks now and every <see cref="Interval"/> until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await CheckAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is out of reach: the engine and the API say so loudly; look again soon.
                LogFailed(logger, ex.Message);
                wait = RetryAfterFailure;
            }

            try
            {
                await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Compares the clocks once and logs what it found if it matters; null for a store on this machine.</summary>
    public async Task<ClockSkew?> CheckAsync(CancellationToken cancellationToken = default)
    {
        var asked = time.GetUtcNow();
        var facts = await store.InspectAsync(cancellationToken);
        var answered = time.GetUtcNow();
        if (facts.ServerTime is not { } serverTime)
        {
            return null;
        }

        var skew = ClockSkew.Measure(asked, answered, serverTime);
        if (skew.TooLarge)
        {
            warned = true;
            LogTooLarge(logger, skew.ToString(), ClockSkew.Advice);
        }
        else if (warned)
        {
            warned = false;
            LogAgreeAgain(logger, skew.ToString());
        }

        return skew;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock: {Skew}: {Advice}")]
    private static partial void LogTooLarge(ILogger logger, string skew, string advice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock: {Skew}, within the limit again")]
    private static partial void LogAgreeAgain(ILogger logger, string skew);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock: could not compare this machine's clock with the database's: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
