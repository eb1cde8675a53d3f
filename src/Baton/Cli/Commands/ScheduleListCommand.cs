using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule list</c>: every schedule with its timing and next occurrence.</summary>
internal static class ScheduleListCommand
{
    public static Command Create()
    {
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List the schedules, with when each runs next") { json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedules = await runtime.Schedules.ListAsync(ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(new ScheduleListView([.. schedules.Select(ScheduleView.Of)]), ScheduleJsonContext.Default.ScheduleListView);
                return ExitCodes.Success;
            }

            if (schedules.Count == 0)
            {
                CliOutput.Note("No schedules yet; add one with 'baton schedule add --name NAME --cron EXPR -- PROGRAM ARGS'.");
            }

            foreach (var schedule in schedules)
            {
                var next = SchedulePrinter.Time(schedule.State.Paused ? null : schedule.State.NextAt, schedule);
                Console.Out.WriteLine($"{schedule.Name,-24} {(schedule.State.Paused ? "paused" : "active"),-7} {SchedulePrinter.When(schedule),-40} next {next}  {SchedulePrinter.Runs(schedule.Definition.Spec)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
