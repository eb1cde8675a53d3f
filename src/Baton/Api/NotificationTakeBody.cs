using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/notifications/take</c>: which notifications to take (an empty body takes the defaults).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record NotificationTakeBody
{
    /// <summary>Only this workflow's notifications (an id or a unique prefix).</summary>
    public string? WorkflowId { get; init; }

    /// <summary>Only those not taken before (default true).</summary>
    public bool? UnreadOnly { get; init; }

    /// <summary>At most this many, newest first (default 20, at most 100).</summary>
    public int? Limit { get; init; }
}
