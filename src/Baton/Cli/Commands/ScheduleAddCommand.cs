using System.CommandLine;
using Baton.Core.Application.Fields;
using Baton.Core.Errors;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton schedule add --name NAME (--cron EXPR | --every DURATION) [--tz ZONE] [policies] [task options]
/// (-- PROGRAM ARGS | --agent NAME --prompt TEXT | --workflow FILE [--var KEY=VALUE]...)</c>. A workflow file's text is
/// kept in the schedule, checked now and again at every firing.
/// </summary>
internal static class ScheduleAddCommand
{
    public static Command Create()
    {
        var task = new TaskOptions("Not allowed on a schedule: each occurrence queues a task of its own");
        var name = new Option<string>("--name") { Description = "The schedule's name: lowercase letters, digits, '.', '_', '-'", HelpName = "NAME", Required = true };
        var cron = new Option<string?>("--cron") { Description = "Five fields (minute hour day month weekday), six with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly", HelpName = "EXPR" };
        var every = new Option<string?>("--every") { Description = "An interval instead of --cron: 30s, 5m, 2h, 1d", HelpName = "DURATION" };
        var zone = new Option<string?>("--tz") { Description = "The IANA time zone of --cron, such as Europe/Berlin (default: this machine's)", HelpName = "ZONE" };
        var overlap = new Option<string?>("--overlap") { Description = "When the previous run is still going: skip (default), buffer_one, allow_all, cancel_other", HelpName = "POLICY" };
        var misfire = new Option<string?>("--misfire") { Description = "Occurrences that fell while no daemon ran: skip (default), once, all", HelpName = "POLICY" };
        var grace = new Option<string?>("--misfire-grace") { Description = "How late an occurrence still runs as on time (default 60s)", HelpName = "DURATION" };
        var catchUp = new Option<int?>("--catch-up-cap") { Description = "With --misfire all, the most missed occurrences run (default 10)", HelpName = "N" };
        var jitter = new Option<string?>("--jitter") { Description = "Spread each start by up to this much, such as 30s", HelpName = "DURATION" };
        var startAt = new Option<DateTimeOffset?>("--start-at") { Description = "No occurrence before this instant (ISO 8601)", HelpName = "TIME" };
        var endAt = new Option<DateTimeOffset?>("--end-at") { Description = "No occurrence after this instant (ISO 8601)", HelpName = "TIME" };
        var pauseOnFailure = new Option<int?>("--pause-on-failure") { Description = "Pause the schedule after N failed runs in a row, and say so", HelpName = "N" };
        var workflow = new Option<string?>("--workflow") { Description = "Start this workflow file (YAML) at each occurrence instead of a task; its text is kept in the schedule", HelpName = "FILE" };
        var vars = new Option<string[]>("--var") { Description = "With --workflow: KEY=VALUE for {{vars.KEY}} in the file (repeatable)", HelpName = "KEY=VALUE" };
        var json = CommandAction.JsonOption();
        var command = new Command("add", "Add a schedule that queues a command, or an agent with --agent and --prompt, or starts a workflow with --workflow, at each occurrence");
        foreach (var option in new Option[] { name, cron, every, zone, overlap, misfire, grace, catchUp, jitter, startAt, endAt, pauseOnFailure, workflow, vars })
        {
            command.Options.Add(option);
        }

        task.AddOptionsTo(command);
        command.Options.Add(json);
        command.Arguments.Add(task.Command);
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var spec = new ScheduleSpec
            {
                Name = r.GetRequiredValue(name),
                Cron = r.GetValue(cron),
                Every = r.GetValue(every),
                TimeZone = r.GetValue(zone),
                Overlap = r.GetValue(overlap),
                Misfire = r.GetValue(misfire),
                MisfireGrace = r.GetValue(grace),
                CatchUpCap = r.GetValue(catchUp),
                Jitter = r.GetValue(jitter),
                StartAt = r.GetValue(startAt),
                EndAt = r.GetValue(endAt),
                PauseOnFailure = r.GetValue(pauseOnFailure),
            };
            spec = r.GetValue(workflow) is { } file
                ? spec with { Workflow = await WorkflowAsync(r, task, file, r.GetValue(vars), ct) }
                : spec with { Task = task.Request(r, "baton schedule add --name NAME --cron EXPR") with { CreatedBy = null } };
            var schedule = await runtime.Schedules.AddAsync(spec, CliRuntime.Caller, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(ScheduleView.Of(schedule), ScheduleJsonContext.Default.ScheduleView);
            }
            else
            {
                Console.Out.WriteLine($"Schedule {schedule.Name} added; next occurrence {SchedulePrinter.Time(schedule.State.NextAt, schedule)}");
                CliOutput.Note("The daemon fires it ('baton serve', started by 'baton task add' too); 'baton schedule next " + schedule.Name + "' lists what comes.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The workflow file's text and variables, checked as far as the file goes; the task options other than --cwd do not apply.</summary>
    private static async Task<ScheduleWorkflow> WorkflowAsync(ParseResult r, TaskOptions task, string file, string[]? vars, CancellationToken cancellationToken)
    {
        var given = task.All.Where(o => o.Name != TaskFields.WorkingDirectory.CliOption && r.GetResult(o) is { Implicit: false })
            .Select(o => o.Name).ToList();
        if ((r.GetValue(task.Command) ?? []).Length > 0 || given.Count > 0)
        {
            throw BatonException.Invalid($"--workflow starts the tasks the file describes; drop {(given.Count > 0 ? string.Join(", ", given) : "the command after --")} (set task options in the file)");
        }

        var cwd = task.All.OfType<Option<string?>>().Single(o => o.Name == TaskFields.WorkingDirectory.CliOption);
        return new ScheduleWorkflow
        {
            Source = await WorkflowRunCommand.ReadAsync(file, cancellationToken),
            Vars = KeyValues.Parse(vars, "--var"),
            SourceName = Path.GetFileName(file),
            WorkingDirectory = Path.GetFullPath(r.GetValue(cwd) ?? Environment.CurrentDirectory),
        };
    }
}
