using System.CommandLine;
using System.Globalization;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule history NAME [--limit N]</c>: every occurrence, fired (with its task or workflow and its outcome), skipped, missed or failed.</summary>
internal static class ScheduleHistoryCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 50)", HelpName = "N", DefaultValueFactory = _ => 50 };
        var json = CommandAction.JsonOption();
        var command = new Command("history", "List a schedule's occurrences: fired (with the task or workflow and how it went), skipped, missed or failed, and why") { name, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedule = r.GetRequiredValue(name);
            var history = await runtime.Schedules.HistoryAsync(schedule, r.GetValue(limit), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(new OccurrenceListView(schedule, [.. history.Select(OccurrenceView.Of)]), ScheduleJsonContext.Default.OccurrenceListView);
                return ExitCodes.Success;
            }

            if (history.Count == 0)
            {
                CliOutput.Note($"Schedule {schedule} has not had an occurrence yet ('baton schedule next {schedule}')");
            }

            foreach (var occurrence in history)
            {
                var what = SchedulePrinter.Run(occurrence);
                var why = occurrence.Reason is { } reason ? $" {reason}" : "";
                Console.Out.WriteLine($"{occurrence.PlannedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {occurrence.Outcome.ToWire(),-8} {what}{why}".TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
