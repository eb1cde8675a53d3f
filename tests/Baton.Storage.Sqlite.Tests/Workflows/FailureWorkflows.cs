using Baton.Core.Workflows;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>The workflow and the status read that the store's failure, retry and cancel tests share.</summary>
internal static class FailureWorkflows
{
    /// <summary>
    /// design: sketch, survey; build after design: compile; docs (independent): guide, examples (depends on sketch).
    /// Claim order: sketch, survey, guide.
    /// </summary>
    public static TestWorkflow ContinueWorkflow() => new TestWorkflow()
        .Phase("design").Phase("build", "design").Phase("docs")
        .Task("design", "sketch").Task("design", "survey").Task("build", "compile").Task("docs", "guide").Task("docs", "examples", "sketch");

    public static async Task<(WorkflowState, string?)> StatusAsync(WorkflowDatabase db, TestWorkflow wf)
    {
        var workflow = await db.WorkflowAsync(wf.Id);
        return (workflow.Status, workflow.Error);
    }
}
