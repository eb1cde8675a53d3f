using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/interactions/{id}/respond</c>: a person's decision on what a task or phase waits for.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RespondBody
{
    /// <summary>approve or deny (tool approvals, plans, phase gates); answer or deny (questions).</summary>
    public string? Decision { get; init; }

    /// <summary>A denial's reason or an approval's feedback (the agent reads it); for a question without listed questions, the answer.</summary>
    public string? Message { get; init; }

    /// <summary>A question's answers, keyed by the question's text or number (from 1); a value that is an option's number picks it.</summary>
    public Dictionary<string, string>? Answers { get; init; }

    /// <summary>Picks the first question's Nth option (from 1).</summary>
    public int? Option { get; init; }

    /// <summary>With approve: remember the rule for the rest of the agent's session ("always").</summary>
    public bool? Remember { get; init; }
}
