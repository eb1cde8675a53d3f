namespace Baton.Core.Application;

/// <summary>Whose capsules <see cref="ContextService.LoadAsync"/> reads.</summary>
public enum ContextScope
{
    /// <summary>A task's latest capsule.</summary>
    Task,

    /// <summary>An agent session's latest capsule, whichever task saved it.</summary>
    Session,

    /// <summary>The latest capsule of each task of a workflow.</summary>
    Workflow,
}

/// <summary>The wire names of <see cref="ContextScope"/>.</summary>
public static class ContextScopes
{
    /// <summary>The names, in the order tools list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["task", "session", "workflow"];

    public static bool TryParse(string? text, out ContextScope scope)
    {
        (var ok, scope) = text switch
        {
            "task" => (true, ContextScope.Task),
            "session" => (true, ContextScope.Session),
            "workflow" => (true, ContextScope.Workflow),
            _ => (false, ContextScope.Task),
        };
        return ok;
    }
}
