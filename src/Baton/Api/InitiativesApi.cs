using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Initiatives;
using Baton.Core.Initiatives.Files;
using Baton.Core.Initiatives.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Initiatives under /api/v1/initiatives, as <c>baton initiative ...</c> shows and does them.</summary>
internal static class InitiativesApi
{
    public static IEndpointRouteBuilder MapInitiativesApi(this IEndpointRouteBuilder routes)
    {
        var initiatives = routes.MapGroup("/api/v1/initiatives").WithTags("Initiatives").WithApiProblems();
        initiatives.MapPost("", CreateAsync).WithName("CreateInitiative")
            .WithSummary("Create an initiative from an initiative file's YAML text (source) or from JSON (name, repository, streams with tasks); start: true starts it at once")
            .WithDescription("Body: source (YAML text) with optional source_name and repository (absolute; wins over the file's), or name, repository (absolute), base, max_parallel and streams [{id, name, phase: foundation|parallel|integration, depends_on, tasks: [task bodies]}]. 409 if the name is taken.");
        initiatives.MapGet("", ListAsync).WithName("ListInitiatives").WithSummary("Initiatives, newest first, with their streams; archived ones with all=true");
        initiatives.MapGet("/{id}", GetAsync).WithName("GetInitiative").WithSummary("One initiative (by id or name) with each stream's progress, branch and worktree");
        initiatives.MapPost("/{id}/start", StartAsync).WithName("StartInitiative").WithSummary("Check an initiative's streams and start it");
        initiatives.MapPost("/{id}/cancel", CancelAsync).WithName("CancelInitiative").WithSummary("Cancel an initiative's workflow");
        initiatives.MapPost("/{id}/archive", ArchiveAsync).WithName("ArchiveInitiative").WithSummary("Archive an initiative that ended: its worktrees are removed, its branches kept");
        initiatives.MapPost("/{id}/unarchive", UnarchiveAsync).WithName("UnarchiveInitiative").WithSummary("Bring an archived initiative back into lists");
        return routes;
    }

    private static async Task<JsonHttpResult<InitiativeView>> CreateAsync(
        HttpContext context, InitiativeService initiatives, BatonSettings settings, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.InitiativeBody, cancellationToken);
        if (body.Repository is { } given && !Path.IsPathFullyQualified(given))
        {
            throw new ApiInputException("repository must be an absolute path", "repository");
        }

        var definition = body.Source is { } source ? await FromSourceAsync(body, source, settings, cancellationToken) : await FromJsonAsync(body, settings, cancellationToken);
        var caller = ApiCaller.Name(context);
        var status = body.Start == true
            ? await initiatives.RunAsync(definition, caller, TaskRequests.SearchPath, cancellationToken)
            : await initiatives.GetAsync((await initiatives.CreateAsync(definition, caller, cancellationToken)).Id, cancellationToken);
        context.Response.Headers.Location = $"/api/v1/initiatives/{status.Initiative.Id}";
        return TypedResults.Json(InitiativeView.Of(status), InitiativeViewJsonContext.Default.InitiativeView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<InitiativeDefinition> FromSourceAsync(InitiativeBody body, string source, BatonSettings settings, CancellationToken cancellationToken)
    {
        if (body.Name is not null || body.Streams is not null || body.Base is not null || body.MaxParallel is not null)
        {
            throw new ApiInputException("with source, give name, base, max_parallel and streams in the YAML text, not beside it", "source");
        }

        var document = InitiativeFile.Parse(source, body.SourceName ?? "initiative.yaml", settings.InitiativeMaxParallel);
        var repository = body.Repository ?? (document.Repository is { } written && Path.IsPathFullyQualified(written)
            ? written
            : throw new ApiInputException("repository is required (an absolute path) unless the file's repository is one", "repository"));
        var top = await InitiativeRepository.ResolveAsync(repository, cancellationToken);
        return document.ToDefinition(top, TaskPreparation.Builder(settings.AgentDirectories, top));
    }

    private static async Task<InitiativeDefinition> FromJsonAsync(InitiativeBody body, BatonSettings settings, CancellationToken cancellationToken)
    {
        var name = body.Name ?? throw new ApiInputException("name is required (or give the initiative file's YAML text as source)", "name");
        var repository = body.Repository ?? throw new ApiInputException("repository is required (an absolute path)", "repository");
        var top = await InitiativeRepository.ResolveAsync(repository, cancellationToken);
        var builder = TaskPreparation.Builder(settings.AgentDirectories, top);
        var streams = new List<StreamDefinition>();
        foreach (var (stream, index) in (body.Streams ?? []).Select((s, i) => (s, i)))
        {
            var at = $"streams[{index}]";
            var id = stream.Id ?? throw new ApiInputException($"{at}.id is required", $"{at}.id");
            if (!StreamPhases.TryParse(stream.Phase, out var phase))
            {
                throw new ApiInputException($"{at}.phase must be foundation, parallel or integration", $"{at}.phase");
            }

            var tasks = (stream.Tasks ?? []).Select((task, t) =>
            {
                if (task.WebhookUrl is not null || task.CreatedBy is not null || task.DependsOn is { Count: > 0 })
                {
                    throw new ApiInputException($"{at}.tasks[{t}]: webhook_url, created_by and depends_on are not taken by stream tasks (they run in order)", $"{at}.tasks[{t}]");
                }

                try
                {
                    return builder.Build(task with { WorkingDirectory = top });
                }
                catch (BatonException ex)
                {
                    throw new BatonException(ex.Kind, $"{at}.tasks[{t}]: {ex.Message}", ex);
                }
            }).ToList();
            streams.Add(new StreamDefinition(id, string.IsNullOrWhiteSpace(stream.Name) ? id : stream.Name.Trim(), phase, stream.DependsOn ?? [], tasks));
        }

        var definition = new InitiativeDefinition(name.Trim(), top, body.Base, body.MaxParallel ?? settings.InitiativeMaxParallel, streams);
        if (streams.Count > 0)
        {
            InitiativeRules.Check([.. streams.Select(StreamOutline.Of)], definition.MaxParallel);
        }

        return definition;
    }

    private static async Task<JsonHttpResult<InitiativeListView>> ListAsync([FromQuery] string? all, InitiativeService initiatives, CancellationToken cancellationToken)
    {
        var includeArchived = all switch
        {
            null or "false" => false,
            "true" => true,
            _ => throw new ApiInputException("all must be true or false", "all"),
        };
        var list = new InitiativeListView([.. (await initiatives.ListAsync(includeArchived, cancellationToken)).Select(InitiativeView.Of)]);
        return TypedResults.Json(list, InitiativeViewJsonContext.Default.InitiativeListView);
    }

    private static async Task<JsonHttpResult<InitiativeView>> GetAsync([FromRoute] string id, InitiativeService initiatives, CancellationToken cancellationToken) =>
        View(await initiatives.GetAsync(id, cancellationToken));

    private static async Task<JsonHttpResult<InitiativeView>> StartAsync([FromRoute] string id, InitiativeService initiatives, CancellationToken cancellationToken) =>
        View(await initiatives.StartAsync(id, TaskRequests.SearchPath, cancellationToken));

    private static async Task<JsonHttpResult<InitiativeView>> CancelAsync([FromRoute] string id, InitiativeService initiatives, CancellationToken cancellationToken) =>
        View(await initiatives.CancelAsync(id, cancellationToken));

    private static async Task<JsonHttpResult<InitiativeView>> ArchiveAsync([FromRoute] string id, InitiativeService initiatives, CancellationToken cancellationToken) =>
        View(await initiatives.ArchiveAsync(id, cancellationToken));

    private static async Task<JsonHttpResult<InitiativeView>> UnarchiveAsync([FromRoute] string id, InitiativeService initiatives, CancellationToken cancellationToken) =>
        View(await initiatives.UnarchiveAsync(id, cancellationToken));

    private static JsonHttpResult<InitiativeView> View(InitiativeStatus status) =>
        TypedResults.Json(InitiativeView.Of(status), InitiativeViewJsonContext.Default.InitiativeView);
}
