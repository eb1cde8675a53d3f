using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Core.Agents;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Api;

/// <summary>What the REST API needs registered before the app is built: its JSON and the OpenAPI document.</summary>
internal static class ApiServices
{
    /// <summary>snake_case JSON from the source-generated contexts, and the OpenAPI document at /openapi/v1.json.</summary>
    public static IServiceCollection AddBatonApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.NumberHandling = JsonNumberHandling.Strict;
            json.TypeInfoResolverChain.Insert(0, ViewJsonContext.Default);
            json.TypeInfoResolverChain.Insert(1, AgentListJsonContext.Default);
            json.TypeInfoResolverChain.Insert(2, ApiJsonContext.Default);
            json.TypeInfoResolverChain.Add(Core.Schedules.ScheduleJsonContext.Default);
            json.TypeInfoResolverChain.Add(Core.Sessions.SessionViewJsonContext.Default);
        });
        services.AddSingleton<EventReader>();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Baton";
                document.Info.Description = "Durable orchestrator for coding agents: tasks, workflows and agents. Errors are RFC 9457 problem details.";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(TaskBodySchema.ApplyAsync);
        });
        return services;
    }
}
