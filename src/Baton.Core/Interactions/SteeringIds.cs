namespace Baton.Core.Interactions;

/// <summary>Steering message ids: <c>msg_</c> and twelve characters shaped like a task id.</summary>
public static class SteeringIds
{
    /// <summary>The prefix every message id starts with.</summary>
    public const string Prefix = "msg_";

    /// <summary>A new id.</summary>
    public static string New() => Prefix + Tasks.TaskIds.New();
}
