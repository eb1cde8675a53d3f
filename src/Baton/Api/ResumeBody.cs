using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/resume</c>; the body may be left out.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ResumeBody
{
    /// <summary>Something to tell the agent as it resumes its session.</summary>
    public string? Message { get; init; }
}
