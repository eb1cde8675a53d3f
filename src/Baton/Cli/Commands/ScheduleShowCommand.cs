using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule show NAME</c>: a schedule's timing, task, policies and state.</summary>
internal static class ScheduleShowCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("show", "Show a schedule: when it runs, what, its policies and whether it is paused") { name, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedule = await runtime.Schedules.GetAsync(r.GetRequiredValue(name), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(ScheduleView.Of(schedule), ScheduleJsonContext.Default.ScheduleView);
            }
            else
            {
                SchedulePrinter.Show(schedule);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
