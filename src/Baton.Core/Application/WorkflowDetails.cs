using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>A workflow with everything shown about it, and an estimate of the time it still needs (null without history).</summary>
public sealed record WorkflowDetails(WorkflowContents Contents, TimeSpan? Remaining, DateTimeOffset Now);
