using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule trigger NAME</c>: fire once now, beside the planned occurrences.</summary>
internal static class ScheduleTriggerCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("trigger", "Run a schedule's task once now (paused or not); its planned occurrences are unchanged") { name, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var occurrence = await runtime.Schedules.TriggerAsync(r.GetRequiredValue(name), CliRuntime.Caller, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(OccurrenceView.Of(occurrence), ScheduleJsonContext.Default.OccurrenceView);
            }
            else if (occurrence.TaskId is { } taskId)
            {
                Console.Out.WriteLine(taskId);
                CliOutput.Note($"Schedule {occurrence.Schedule} fired: task {taskId} queued");
            }
            else
            {
                CliOutput.Error($"schedule {occurrence.Schedule} could not queue its task: {occurrence.Reason}");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
