using Baton.Core.Interactions;

namespace Baton.Core.Tests.Application;

/// <summary>What the interaction service tests have an agent ask: a tool approval, a question with two options, a merge conflict.</summary>
internal static class InteractionAsks
{
    public static readonly InteractionAsk Approval = new()
    {
        Kind = InteractionKind.ToolApproval,
        Summary = "Bash: rm -rf build",
        ToolName = "Bash",
        Input = """{"command":"rm -rf build"}""",
    };

    public static readonly InteractionAsk Question = new()
    {
        Kind = InteractionKind.Question,
        Summary = "Which database?",
        Questions = [new InteractionQuestion("Which database?", null, [new InteractionOption("SQLite"), new InteractionOption("PostgreSQL")])],
    };

    public static readonly InteractionAsk MergeConflict = new()
    {
        Kind = InteractionKind.MergeConflict,
        Summary = "Merge conflict: baton/shop/ui into baton/shop/integration (1 file: README.md)",
        Input = """{"branch":"baton/shop/ui","into":"baton/shop/integration","worktree":"/repo/worktrees/integration","files":["README.md"],"round":0}""",
    };
}
