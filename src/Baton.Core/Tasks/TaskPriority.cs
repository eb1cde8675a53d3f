namespace Baton.Core.Tasks;

/// <summary>Dispatch priority; higher values are claimed first, first-in first-out within one priority.</summary>
public enum TaskPriority
{
    /// <summary>Background work.</summary>
    Low = 0,
    /// <summary>The default.</summary>
    Normal = 1,
    /// <summary>Important work.</summary>
    High = 2,
    /// <summary>Urgent work, claimed before everything else.</summary>
    Critical = 3,
}
