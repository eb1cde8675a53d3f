using Baton.Core.Tasks;

namespace Baton.Core.Tests.Workflows;

/// <summary>The workflow that both the reconciler's failure tests and its re-planning scenarios start from.</summary>
internal static class ReconcilerGraphs
{
    /// <summary>
    /// design: d1 (failed), d2 (running); build after design: b1; ship after build: s1; docs (independent): x1, x2
    /// (depends on d1), x3 (depends on x2).
    /// </summary>
    public static WorkflowGraph ContinueGraph() => new WorkflowGraph()
        .Phase("design").Phase("build", "design").Phase("ship", "build").Phase("docs")
        .Task("d1", "design", TaskState.Failed).Task("d2", "design", TaskState.Running)
        .Task("b1", "build").Task("s1", "ship")
        .Task("x1", "docs").Task("x2", "docs", dependsOn: ["d1"]).Task("x3", "docs", dependsOn: ["x2"]);
}
