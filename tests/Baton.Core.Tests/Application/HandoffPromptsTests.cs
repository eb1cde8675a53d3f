using Baton.Core.Application;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Application;

public sealed class HandoffPromptsTests
{
    [Fact]
    public void WithCapsule_FullCapsule_EveryPartThenThePrompt()
    {
        var saved = new CapsuleRecord("cap_1", "abcdabcdabcd", 1, "s1", null, "helper", DateTimeOffset.UnixEpoch, new ContextCapsule
        {
            CurrentTask = "Add rate limiting",
            CompletedSteps = ["token bucket"],
            NextSteps = ["wire it into the API"],
            Decisions = [new CapsuleDecision("Redis for counters", "shared across nodes")],
            Files = ["src/Limits.cs"],
            FailedApproaches = ["in-memory counters"],
        });

        var prompt = HandoffPrompts.WithCapsule(saved, HandoffPrompts.Default);

        Assert.Equal(
            "<handoff_capsule task=\"abcdabcdabcd\" agent=\"helper\">\nCurrent task: Add rate limiting\nCompleted steps:\n- token bucket\n"
            + "Next steps:\n- wire it into the API\nDecisions:\n- Redis for counters (because shared across nodes)\nFiles:\n- src/Limits.cs\n"
            + "Failed approaches (do not try again):\n- in-memory counters\n</handoff_capsule>\n\nContinue the work described above.",
            prompt);
    }
}
