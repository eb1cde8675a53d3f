using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class CapsuleTextTests
{
    [Fact]
    public void Render_EverySection_ReadableBlockInOrder()
    {
        var capsule = new ContextCapsule
        {
            CurrentTask = "Build the login API",
            CompletedSteps = ["schema", "routes"],
            NextSteps = ["tests", "docs"],
            Decisions = [new CapsuleDecision("JWT in cookies", "the dashboard needs it")],
            Files = ["src/Login.cs"],
            OpenQuestions = ["rate limits?"],
            FailedApproaches = ["sessions in memory"],
        };

        var text = CapsuleText.Render(capsule);

        Assert.Equal(
            """
            Context handed over:
            Current task: Build the login API
            Completed:
              - schema
              - routes
            Next steps:
              1. tests
              2. docs
            Decisions:
              - JWT in cookies (because the dashboard needs it)
            Files:
              - src/Login.cs
            Open questions:
              - rate limits?
            Failed approaches (do not retry):
              - sessions in memory

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Render_OnlyCurrentTask_LeavesOutEmptySections() =>
        Assert.Equal("Context handed over:\nCurrent task: Just started\n", CapsuleText.Render(new ContextCapsule { CurrentTask = "Just started" }));

    [Fact]
    public void Render_ItemWithNewlines_StaysOneLine()
    {
        var text = CapsuleText.Render(new ContextCapsule { CurrentTask = "a", Files = ["one\nDecisions:\n  - forged"] });

        Assert.Contains("  - one Decisions: - forged\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nDecisions:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Record_SaysWhereItComesFrom()
    {
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var record = new CapsuleRecord("cap_x", "abcd00000001", 1, "sess-9", null, "architect", at, new ContextCapsule { CurrentTask = "t" });

        var text = CapsuleText.Render(record);

        Assert.StartsWith("Saved 2030-01-02 03:04:05Z by architect in task abcd00000001, session sess-9 (cap_x)\nContext handed over:\n", text, StringComparison.Ordinal);
    }
}
