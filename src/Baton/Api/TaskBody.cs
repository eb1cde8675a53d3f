using System.Text.Json.Serialization;
using Baton.Core.Application;

namespace Baton.Api;

/// <summary>
/// A task as <c>POST /api/v1/tasks</c> takes it: the task fields every interface takes (<see cref="TaskRequest"/>,
/// described and limited by the one field descriptor), plus the webhook a REST caller may attach. Unknown properties
/// are refused, so that a misspelt option is an error rather than silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal record TaskBody : TaskRequest
{
    /// <summary>
    /// A URL to POST this task's ends, retries, input requests and milestones to (Standard Webhooks signed). A new URL's
    /// signing secret comes back once, as webhook_secret.
    /// </summary>
    public string? WebhookUrl { get; init; }
}
