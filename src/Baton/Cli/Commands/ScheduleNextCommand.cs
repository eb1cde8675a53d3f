using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule next NAME [--count N]</c>: the coming occurrences, in the schedule's time zone.</summary>
internal static class ScheduleNextCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var count = new Option<int>("--count") { Description = "How many (default 5)", HelpName = "N", DefaultValueFactory = _ => 5 };
        var json = CommandAction.JsonOption();
        var command = new Command("next", "List a schedule's coming occurrences") { name, count, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedule = await runtime.Schedules.GetAsync(r.GetRequiredValue(name), ct);
            var next = Core.Application.ScheduleService.Next(schedule, r.GetValue(count));
            if (r.GetValue(json))
            {
                CliOutput.Json(new NextOccurrencesView(schedule.Name, schedule.Definition.Timing.TimeZone, next), ScheduleJsonContext.Default.NextOccurrencesView);
                return ExitCodes.Success;
            }

            if (next.Count == 0)
            {
                CliOutput.Note(schedule.State.Paused ? $"Schedule {schedule.Name} is paused ('baton schedule resume {schedule.Name}')" : $"Schedule {schedule.Name} has no more occurrences");
            }

            foreach (var at in next)
            {
                Console.Out.WriteLine(SchedulePrinter.Time(at, schedule));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
