using System.Text.Json;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class CapsuleJsonTests
{
    [Fact]
    public void Write_Capsule_CompactSnakeCase()
    {
        var capsule = new ContextCapsule
        {
            CurrentTask = "t",
            CompletedSteps = ["a"],
            Decisions = [new CapsuleDecision("d", "r")],
            OpenQuestions = ["q"],
            FailedApproaches = ["f"],
        };

        Assert.Equal(
            """{"current_task":"t","completed_steps":["a"],"next_steps":[],"decisions":[{"decision":"d","reason":"r"}],"files":[],"open_questions":["q"],"failed_approaches":["f"]}""",
            CapsuleJson.Write(capsule));
    }

    [Fact]
    public void Read_WrittenCapsule_RoundTrips()
    {
        var capsule = new ContextCapsule { CurrentTask = "ünïcode", NextSteps = ["x", "y"], Decisions = [new CapsuleDecision("d", "r")] };

        var read = CapsuleJson.Read(CapsuleJson.Write(capsule));

        Assert.Equal(CapsuleJson.Write(capsule), CapsuleJson.Write(read));
        Assert.Equal(["x", "y"], read.NextSteps);
    }

    [Fact]
    public void Read_MissingCurrentTask_Throws() =>
        Assert.ThrowsAny<JsonException>(() => CapsuleJson.Read("""{"next_steps":[]}"""));

    [Fact]
    public void Write_NonAsciiAndApostrophes_KeptAsTheyAreNotEscaped()
    {
        var capsule = new ContextCapsule { CurrentTask = "don't touch l'été 日本" };

        Assert.Contains("\"current_task\":\"don't touch l'été 日本\"", CapsuleJson.Write(capsule), StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(CapsuleJson.Write(capsule)), CapsuleJson.ByteCount(capsule));
    }
}
