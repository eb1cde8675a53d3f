using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule ...</c>: tasks launched repeatedly, on a cron expression or an interval, by the daemon.</summary>
internal static class ScheduleCommand
{
    public static Command Create() => new("schedule", "Run a task repeatedly: on a cron expression (in a time zone) or every interval; the daemon fires it")
    {
        ScheduleAddCommand.Create(),
        ScheduleListCommand.Create(),
        ScheduleShowCommand.Create(),
        ScheduleNextCommand.Create(),
        SchedulePauseCommand.Create(),
        ScheduleResumeCommand.Create(),
        ScheduleTriggerCommand.Create(),
        ScheduleRemoveCommand.Create(),
        ScheduleHistoryCommand.Create(),
    };

    /// <summary>The schedule's name, as every subcommand takes it.</summary>
    public static Argument<string> NameArgument() => new("name") { Description = "The schedule's name (see 'baton schedule list')" };
}
