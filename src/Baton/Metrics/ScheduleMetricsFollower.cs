using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// Counts schedule occurrences (the <c>schedule.*</c> events: fired, skipped, missed, paused) as the event log
/// records them from this node's start. Whichever node fired them, every node sees them, so across a cluster take
/// the max of the rates, not their sum.
/// </summary>
internal sealed partial class ScheduleMetricsFollower(
    IMetricFactory factory, EventFeed feed, IEventStore events, TimeProvider time, ILogger<ScheduleMetricsFollower> logger) : BackgroundService
{
    private static readonly EventFilter Schedules = new(Types: ["schedule.*"]);

    private readonly Counter occurrences = Occurrences(factory);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? from = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                from ??= await events.LatestIdAsync(stoppingToken);
                await foreach (var record in feed.SubscribeAsync(from.Value, Schedules, stoppingToken))
                {
                    occurrences.WithLabels(record.Type["schedule.".Length..]).Inc();
                    from = record.Id;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (BatonException ex)
            {
                // The store is away for a while; counting resumes where it stopped, and the daemon keeps serving.
                LogFollowFailed(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow the event log for schedule metrics: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, string reason);

    private static Counter Occurrences(IMetricFactory factory)
    {
        var counter = factory.CreateCounter(
            "baton_schedule_occurrences_total", "Schedule occurrences recorded in the event log since this node started, by outcome.", ["outcome"]);
        foreach (var outcome in (string[])["fired", "skipped", "missed"])
        {
            // Present from the start at 0, so that rate() and alerts see a series before the first occurrence.
            counter.WithLabels(outcome);
        }

        return counter;
    }
}
