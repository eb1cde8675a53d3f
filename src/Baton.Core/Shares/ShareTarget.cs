namespace Baton.Core.Shares;

/// <summary>What a share link shows.</summary>
public enum ShareTarget
{
    /// <summary>One task, its transcript and result.</summary>
    Task = 1,

    /// <summary>A workflow and its tasks.</summary>
    Workflow = 2,
}
