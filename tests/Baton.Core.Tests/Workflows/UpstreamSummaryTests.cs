using System.Text;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Workflows;

public sealed class UpstreamSummaryTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Build_NoUpstream_ReturnsNull() =>
        Assert.Null(UpstreamSummary.Build([], UpstreamLimits.Default));

    [Fact]
    public void Build_UnderTheCaps_EveryResultInFull()
    {
        UpstreamResult[] upstream =
        [
            new("aaaa00000001", "design", "agent claude", TaskState.Completed, "  Use a queue.\n"),
            new("aaaa00000002", "lint", "command eslint", TaskState.Completed, null),
        ];

        var summary = UpstreamSummary.Build(upstream, UpstreamLimits.Default);

        Assert.Equal(
            UpstreamSummary.Heading + "\n"
            + "\n### design (task aaaa00000001, agent claude, completed)\nUse a queue.\n"
            + "\n### lint (task aaaa00000002, command eslint, completed)\n(no output)\n",
            summary);
    }

    [Fact]
    public void Build_ResultOverPerTaskCap_CutWithMarkerNamingTheCommand()
    {
        var result = new string('x', 300);

        var summary = UpstreamSummary.Build([new("aaaa00000001", "design", "agent claude", TaskState.Completed, result)], new UpstreamLimits(100, 10_000));

        Assert.NotNull(summary);
        Assert.Contains(
            "\n" + new string('x', 100) + "\n[... cut: 200 more bytes of this result; read all of it with 'baton task result aaaa00000001' ...]\n",
            summary,
            StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 101), summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OverTotalCap_DropsLaterEntriesWithMarkerListingTheirIds()
    {
        var upstream = Enumerable.Range(1, 5)
            .Select(i => new UpstreamResult($"aaaa0000000{i}", $"task{i}", "agent claude", TaskState.Completed, new string((char)('a' + i), 400)))
            .ToList();

        var summary = UpstreamSummary.Build(upstream, new UpstreamLimits(1024, 1200));

        Assert.NotNull(summary);
        Assert.Contains(new string('b', 400), summary, StringComparison.Ordinal);
        Assert.Contains(new string('c', 400), summary, StringComparison.Ordinal);
        Assert.DoesNotContain("### task4", summary, StringComparison.Ordinal);
        Assert.EndsWith(
            "[... cut: 3 more upstream results are not shown (the summary is capped at 1200 bytes); read them with 'baton task result ID': aaaa00000003, aaaa00000004, aaaa00000005 ...]\n",
            summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OverTotalCapWithRoom_KeepsPrefixOfCutEntry()
    {
        var upstream = Enumerable.Range(1, 2)
            .Select(i => new UpstreamResult($"aaaa0000000{i}", $"task{i}", "agent claude", TaskState.Completed, new string((char)('a' + i), 2000)))
            .ToList();

        var summary = UpstreamSummary.Build(upstream, new UpstreamLimits(4096, 3000));

        Assert.NotNull(summary);
        Assert.Contains(new string('b', 2000), summary, StringComparison.Ordinal);
        Assert.Contains("### task2", summary, StringComparison.Ordinal);
        Assert.Contains("1 more upstream result is not shown", summary, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(summary), 2500, 3000);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1500)]
    [InlineData(4096)]
    public void Build_ManyLargeResults_NeverExceedsTotalCap(int totalBytes)
    {
        var upstream = Enumerable.Range(1, 50)
            .Select(i => new UpstreamResult($"aaaa{i:D8}", $"task{i}", "agent claude", TaskState.Completed, new string('r', 900)))
            .ToList();

        var summary = UpstreamSummary.Build(upstream, new UpstreamLimits(1024, totalBytes));

        Assert.NotNull(summary);
        Assert.InRange(Encoding.UTF8.GetByteCount(summary), 0, totalBytes);
    }

    [Theory]
    [InlineData("😀", 99)] // "a" and 24 emoji take 97 bytes; the 25th would end at 101.
    [InlineData("漢", 99)] // "a" and 32 characters take 97 bytes; the 33rd would end at 100.
    [InlineData("é", 100)] // "a" and 49 characters take 99 bytes; the 50th would end at 101.
    public void Build_PerTaskCutInsideMultiByteCharacter_NeverSplitsIt(string character, int perTaskBytes)
    {
        var result = "a" + string.Concat(Enumerable.Repeat(character, 200));

        var summary = UpstreamSummary.Build([new("aaaa00000001", "design", "agent claude", TaskState.Completed, result)], new UpstreamLimits(perTaskBytes, 10_000));

        Assert.NotNull(summary);
        var body = summary.Split('\n')[3];
        var bytes = StrictUtf8.GetByteCount(body); // Throws on a lone surrogate.
        Assert.InRange(bytes, perTaskBytes - Encoding.UTF8.GetByteCount(character) + 1, perTaskBytes);
        Assert.Equal(result[..body.Length], body);
        Assert.Contains($"{Encoding.UTF8.GetByteCount(result) - bytes} more bytes of this result", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TotalCutInsideEmoji_NeverSplitsIt()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 2000));
        UpstreamResult[] upstream =
        [
            new("aaaa00000001", "first", "agent claude", TaskState.Completed, emoji),
            new("aaaa00000002", "second", "agent claude", TaskState.Completed, emoji),
        ];

        var summary = UpstreamSummary.Build(upstream, new UpstreamLimits(8191, 12_001));

        Assert.NotNull(summary);
        Assert.Contains("### second", summary, StringComparison.Ordinal);
        StrictUtf8.GetByteCount(summary); // Throws on a lone surrogate.
        Assert.InRange(Encoding.UTF8.GetByteCount(summary), 11_000, 12_001);
    }

    [Fact]
    public void Build_FailedUpstream_ShowsItsStatus()
    {
        var summary = UpstreamSummary.Build([new("aaaa00000001", "tests", "command dotnet", TaskState.Failed, "3 failed")], UpstreamLimits.Default);

        Assert.Contains("### tests (task aaaa00000001, command dotnet, failed)\n3 failed\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UpstreamWithCapsule_HandsOverTheContextAndOneResultLine()
    {
        var capsule = new ContextCapsule
        {
            CurrentTask = "Design the API",
            Decisions = [new CapsuleDecision("REST, not gRPC", "browsers call it")],
            NextSteps = ["write handlers"],
        };
        var result = "Designed it.\n" + new string('x', 5000);

        var summary = UpstreamSummary.Build([new("aaaa00000001", "design", "agent claude", TaskState.Completed, result, capsule)], UpstreamLimits.Default);

        Assert.Equal(
            UpstreamSummary.Heading + "\n"
            + "\n### design (task aaaa00000001, agent claude, completed)\n"
            + CapsuleText.Render(capsule)
            + "Result: Designed it. [... the whole result: 'baton task result aaaa00000001']\n",
            summary);
    }

    [Fact]
    public void Build_CapsuleOverPerTaskCap_CutWithMarker()
    {
        var capsule = new ContextCapsule { CurrentTask = "t", CompletedSteps = [.. Enumerable.Range(0, 50).Select(i => $"step {i} done")] };

        var summary = UpstreamSummary.Build([new("aaaa00000001", "design", "agent claude", TaskState.Completed, "ok", capsule)], new UpstreamLimits(200, 10_000));

        Assert.NotNull(summary);
        Assert.Contains("Context handed over:", summary, StringComparison.Ordinal);
        Assert.Contains("more bytes of this task's handed-over context; read its result with 'baton task result aaaa00000001' ...]", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("step 49", summary, StringComparison.Ordinal);
        var entry = summary[summary.IndexOf("Context handed over:", StringComparison.Ordinal)..summary.IndexOf("\n[... cut", StringComparison.Ordinal)];
        Assert.True(Encoding.UTF8.GetByteCount(entry) <= 200, $"{Encoding.UTF8.GetByteCount(entry)} bytes kept");
    }

    [Fact]
    public void Build_CapsulesOverTotalCap_LaterEntriesLeftOutWithTheNote()
    {
        var capsule = new ContextCapsule { CurrentTask = new string('c', 500) };
        var upstream = Enumerable.Range(1, 5)
            .Select(i => new UpstreamResult($"aaaa0000000{i}", $"task{i}", "agent claude", TaskState.Completed, "ok", capsule))
            .ToList();

        var summary = UpstreamSummary.Build(upstream, new UpstreamLimits(1024, 1500));

        Assert.NotNull(summary);
        Assert.Contains("### task1", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("### task5", summary, StringComparison.Ordinal);
        Assert.Contains("more upstream results are not shown (the summary is capped at 1500 bytes)", summary, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(summary) <= 1500);
    }
}
