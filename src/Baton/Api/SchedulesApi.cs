using Baton.Core.Application;
using Baton.Core.Schedules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Schedules under /api/v1/schedules, as <c>baton schedule ...</c> shows and does them.</summary>
internal static class SchedulesApi
{
    private const int DefaultHistory = 50;

    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder routes)
    {
        var schedules = routes.MapGroup("/api/v1/schedules").WithTags("Schedules").WithApiProblems();
        schedules.MapPost("", CreateAsync)
            .WithName("CreateSchedule").WithSummary("Add a schedule: a task queued, or a workflow started, on a cron expression (5 or 6 fields, @daily) in a time zone, or every interval")
            .WithDescription("Body: name, cron or every, time_zone, overlap (skip|buffer_one|allow_all|cancel_other), misfire (skip|once|all), misfire_grace, catch_up_cap, jitter, start_at, end_at, pause_on_failure, and either task (a task body; working_directory absolute) or workflow ({source: the workflow file's YAML text, vars: {KEY: VALUE}, source_name, working_directory absolute}; checked now and at each firing). 409 if the name is taken.");
        schedules.MapGet("", ListAsync).WithName("ListSchedules").WithSummary("Every schedule, by name, with its next occurrence");
        schedules.MapGet("/{name}", GetAsync).WithName("GetSchedule").WithSummary("One schedule");
        schedules.MapDelete("/{name}", RemoveAsync).WithName("RemoveSchedule").WithSummary("Remove a schedule and its history; the tasks it queued stay");
        schedules.MapPost("/{name}/pause", PauseAsync).WithName("PauseSchedule").WithSummary("Pause: the schedule fires nothing until resumed; body {\"note\": ...} optional");
        schedules.MapPost("/{name}/resume", ResumeAsync).WithName("ResumeSchedule").WithSummary("Resume from the next occurrence (what fell while paused is not run)");
        schedules.MapPost("/{name}/trigger", TriggerAsync).WithName("TriggerSchedule").WithSummary("Fire once now, beside the planned occurrences; 201 with the occurrence and its task or workflow id");
        schedules.MapGet("/{name}/history", HistoryAsync).WithName("ScheduleHistory").WithSummary("Occurrences, newest first: fired (task or workflow, and its status), skipped, missed or failed, and why; limit (default 50)");
        schedules.MapGet("/{name}/next", NextAsync).WithName("ScheduleNext").WithSummary("The coming occurrences; count (default 5, at most 1000)");
        return routes;
    }

    private static async Task<Created<ScheduleView>> CreateAsync(HttpContext context, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var spec = await ApiBody.ReadAsync(context.Request, ScheduleJsonContext.Default.ScheduleSpec, cancellationToken);
        if (spec.Workflow is { } workflow)
        {
            if (workflow.WorkingDirectory is not { } root || !Path.IsPathFullyQualified(root))
            {
                throw new ApiInputException("workflow.working_directory is required and must be an absolute path (the file's tasks work there unless they say otherwise; agents are looked up from it too)", "workflow.working_directory");
            }
        }
        else if (spec.Task?.WorkingDirectory is not { } directory || !Path.IsPathFullyQualified(directory))
        {
            throw new ApiInputException("task.working_directory is required and must be an absolute path (agents are looked up from it too)", "task.working_directory");
        }

        if (spec.Task?.CreatedBy is not null)
        {
            throw new ApiInputException("task.created_by cannot be given: Baton records who asked from the caller's token or account", "task.created_by");
        }

        var schedule = await schedules.AddAsync(spec, ApiCaller.Name(context), cancellationToken);
        return TypedResults.Created($"/api/v1/schedules/{schedule.Name}", ScheduleView.Of(schedule));
    }

    private static async Task<Ok<ScheduleListView>> ListAsync(ScheduleService schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ScheduleListView([.. (await schedules.ListAsync(cancellationToken)).Select(ScheduleView.Of)]));

    private static async Task<Ok<ScheduleView>> GetAsync([FromRoute] string name, ScheduleService schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(ScheduleView.Of(await schedules.GetAsync(name, cancellationToken)));

    private static async Task<NoContent> RemoveAsync([FromRoute] string name, ScheduleService schedules, CancellationToken cancellationToken)
    {
        await schedules.RemoveAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ScheduleView>> PauseAsync([FromRoute] string name, HttpContext context, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadOptionalAsync(context.Request, ApiJsonContext.Default.SchedulePauseBody, new SchedulePauseBody(), cancellationToken);
        return TypedResults.Ok(ScheduleView.Of(await schedules.PauseAsync(name, body.Note, cancellationToken)));
    }

    private static async Task<Ok<ScheduleView>> ResumeAsync([FromRoute] string name, ScheduleService schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(ScheduleView.Of(await schedules.ResumeAsync(name, cancellationToken)));

    private static async Task<Created<OccurrenceView>> TriggerAsync([FromRoute] string name, HttpContext context, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var occurrence = await schedules.TriggerAsync(name, ApiCaller.Name(context), cancellationToken);
        return TypedResults.Created($"/api/v1/schedules/{name}/history", OccurrenceView.Of(occurrence));
    }

    private static async Task<Ok<OccurrenceListView>> HistoryAsync(
        [FromRoute] string name, [FromQuery] string? limit, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var count = ApiQuery.Integer(limit, "limit", 1, ScheduleService.MaxHistory) ?? DefaultHistory;
        var history = await schedules.HistoryAsync(name, count, cancellationToken);
        return TypedResults.Ok(new OccurrenceListView(name, [.. history.Select(OccurrenceView.Of)]));
    }

    private static async Task<Ok<NextOccurrencesView>> NextAsync([FromRoute] string name, [FromQuery] string? count, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var schedule = await schedules.GetAsync(name, cancellationToken);
        var next = ScheduleService.Next(schedule, ApiQuery.Integer(count, "count", 1, ScheduleService.MaxNext) ?? 5);
        return TypedResults.Ok(new NextOccurrencesView(schedule.Name, schedule.Definition.Timing.TimeZone, next));
    }
}
