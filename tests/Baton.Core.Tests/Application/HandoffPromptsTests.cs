using Baton.Core.Application;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Application;

public sealed class HandoffPromptsTests
{
    [Fact]
    public void WithCapsule_ACapsule_TheHandedOverBlockThenThePrompt()
    {
        var saved = new CapsuleRecord("cap_1", "abcdabcdabcd", 1, "s1", null, "helper", DateTimeOffset.UnixEpoch, new ContextCapsule
        {
            CurrentTask = "Add rate limiting",
            Decisions = [new CapsuleDecision("Redis for counters", "shared across nodes")],
        });

        var prompt = HandoffPrompts.WithCapsule(saved, HandoffPrompts.Default);

        Assert.StartsWith("Saved 1970-01-01 00:00:00Z by helper in task abcdabcdabcd, session s1 (cap_1)\n" + CapsuleText.Heading, prompt, StringComparison.Ordinal);
        Assert.Contains("  - Redis for counters (because shared across nodes)\n", prompt, StringComparison.Ordinal);
        Assert.EndsWith("\n\nContinue the work described above.", prompt, StringComparison.Ordinal);
    }
}
