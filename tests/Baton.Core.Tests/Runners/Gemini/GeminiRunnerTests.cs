using System.Globalization;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Gemini;

/// <summary>The gemini runner over a fake CLI that replays stream-json captures of gemini-cli 0.61.0 byte for byte.</summary>
public sealed class GeminiRunnerTests : IDisposable
{
    private const string ToolSession = "9b846416-061f-4dcd-8e12-3e0e09c89f2e";
    private readonly FakeGemini fake = new();

    [Fact]
    public async Task RunAsync_ToolCapture_SucceedsWithTheAssistantText()
    {
        var outcome = await fake.RunAsync("tool");

        Assert.True(outcome.Succeeded);
        Assert.Equal("The file contains: hello world", outcome.Result);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NewSession_PassesHeadlessFlagsASessionIdAndPromptOnStdin()
    {
        await fake.RunAsync("tool");

        var argv = fake.Argv(1);
        Assert.Equal(["-p", string.Empty, "--output-format", "stream-json", "--skip-trust", "--session-id"], argv.Take(6));
        Assert.Equal(7, argv.Count);
        Assert.True(Guid.TryParse(argv[6], out _));
        Assert.Equal(FakeGemini.Instructions, fake.Stdin(1));
        Assert.Equal("true", fake.Record("trust.1"));
        Assert.Equal(new AgentProgress(argv[6], null, 0, 0), fake.Progress[0]);
    }

    [Fact]
    public async Task RunAsync_ToolCapture_DetailsHoldSessionTokensPerModel()
    {
        var details = (await fake.RunAsync("tool")).Details!;

        Assert.Equal(ToolSession, details.SessionId);
        Assert.Equal("success", details.Subtype);
        Assert.False(details.IsError);
        Assert.Equal(2, details.Turns);
        Assert.Equal(107, details.DurationMs);
        Assert.Null(details.CostUsd);
        Assert.False(details.CostEstimated);
        Assert.Equal(new ModelUsage(4500, 120, 0, 0, null), Assert.Single(details.Models, m => m.Key == "gemini-2.5-pro").Value);
    }

    [Fact]
    public async Task RunAsync_ToolCapture_ReportsTheToolCallAsItArrives()
    {
        await fake.RunAsync("tool");

        Assert.Contains(new AgentProgress(ToolSession, "read_file hello.txt", 1, 0), fake.Progress);
        Assert.Equal(new AgentProgress(ToolSession, "read_file hello.txt", 2, 0), fake.Progress[^1]);
    }

    [Fact]
    public async Task RunAsync_AgentWithModelPromptAndMode_PassesFlagsAndPromptBlock()
    {
        await fake.RunAsync("tool", d => d with
        {
            Model = "gemini-2.5-pro",
            Agent = new AgentSpec
            {
                Name = "fixer",
                SystemPrompt = "You fix bugs.",
                PermissionMode = "acceptEdits",
                Environment = new Dictionary<string, string> { ["GEMINI_CLI_TRUST_WORKSPACE"] = "false" },
            },
        });

        Assert.Equal(["-m", "gemini-2.5-pro", "--approval-mode", "auto_edit"], fake.Argv(1).Skip(7));
        Assert.Equal($"<agent_instructions>\nYou fix bugs.\n</agent_instructions>\n\n{FakeGemini.Instructions}", fake.Stdin(1));
        Assert.Equal("true", fake.Record("trust.1"));
    }

    [Fact]
    public async Task RunAsync_Api400Exit144_NonRetryableFailureNamingTheHttpStatus()
    {
        var outcome = await fake.RunAsync("api-400");

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Equal(144, outcome.ExitCode);
        Assert.Equal(
            "gemini's model API answered HTTP 400 (exit code 144): [API Error: {\"error\":{\"code\":400,\"message\":\"mock bad request\",\"status\":\"INVALID_ARGUMENT\"}}]",
            outcome.Error);
        var details = outcome.Details!;
        Assert.True(details.IsError);
        Assert.Equal("error", details.Subtype);
        Assert.Equal(400, details.ApiErrorStatus);
        Assert.Equal("519c9bf4-bbd6-481c-b494-f94e63ba2afe", details.SessionId);
        Assert.Equal(["gemini-3.1-pro-preview", "gemini-3.5-flash-lite"], details.Models.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(41, false, "gemini could not authenticate (exit code 41)")]
    [InlineData(42, false, "gemini rejected its input (exit code 42)")]
    [InlineData(44, true, "gemini's sandbox failed (exit code 44)")]
    [InlineData(52, false, "gemini's configuration is invalid (exit code 52)")]
    [InlineData(53, false, "gemini reached its session turn limit (exit code 53)")]
    [InlineData(54, true, "a gemini tool failed (exit code 54)")]
    [InlineData(55, false, "gemini does not trust the working directory (exit code 55)")]
    [InlineData(130, true, "gemini was cancelled (exit code 130)")]
    [InlineData(247, true, "gemini's model API answered HTTP 503 (exit code 247)")]
    [InlineData(1, true, "gemini ended with exit code 1 without a result line")]
    public async Task RunAsync_FatalExitCode_MessageAndRetryability(int code, bool retryable, string start)
    {
        var outcome = await fake.RunAsync($"exit-{code.ToString(CultureInfo.InvariantCulture)}");

        Assert.False(outcome.Succeeded);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.StartsWith(start, outcome.Error, StringComparison.Ordinal);
        Assert.EndsWith(": fake gemini: fatal error", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedLines_CountedAndSkipped()
    {
        var outcome = await fake.RunAsync("malformed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Details!.MalformedLines);
    }

    [Fact]
    public async Task RunAsync_CliMissing_NonRetryableWithInstallHint()
    {
        var outcome = await fake.RunAsync("tool", onPath: false);

        Assert.False(outcome.Retryable);
        Assert.Equal("gemini not found on PATH; install it with npm i -g @google/gemini-cli or set runner/path", outcome.Error);
        Assert.StartsWith("[baton] gemini not found on PATH", fake.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Stopped_StopsTheCliWithinTheGracePeriod()
    {
        using var stop = new CancellationTokenSource();
        var run = fake.RunAsync("sleep", stop: stop.Token);
        await Poll.UntilAsync(() => fake.Invocations == 1 && fake.Progress.Any(p => p.SessionId == ToolSession), TimeSpan.FromSeconds(20), "the fake to start");
        var pid = int.Parse(fake.Record("pid.1").Trim(), CultureInfo.InvariantCulture);

        await stop.CancelAsync();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the fake gemini outlived its attempt");
    }

    [Fact]
    public async Task RunAsync_Resume_PassesResumeWithPromptOnStdin()
    {
        var outcome = await fake.RunAsync("resume", resumeSessionId: ToolSession);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, fake.Invocations);
        Assert.Equal(["-p", string.Empty, "--output-format", "stream-json", "--skip-trust", "--resume", ToolSession], fake.Argv(1));
        Assert.Equal(Baton.Core.Runners.Agents.AgentPrompts.Resume, fake.Stdin(1));
        Assert.Equal(new ModelUsage(3000, 80, 0, 0, null), outcome.Details!.Models["gemini-2.5-pro"]);
    }

    [Fact]
    public async Task RunAsync_ResumeFailsWithoutAResult_StartsANewSessionOnce()
    {
        var outcome = await fake.RunAsync("tool", resumeSessionId: "0000-gone", resumeScenario: "exit-42");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, fake.Invocations);
        Assert.Equal("--session-id", fake.Argv(2)[5]);
        Assert.Equal(FakeGemini.Instructions, fake.Stdin(2));
        Assert.Contains("[baton] gemini does not know session 0000-gone; starting a new session with the original prompt", fake.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResumeAnswersWithAnotherSession_StopsItAndStartsANewSession()
    {
        var outcome = await fake.RunAsync("tool", resumeSessionId: "0000-gone", resumeScenario: "resume");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, fake.Invocations);
        Assert.Equal(FakeGemini.Instructions, fake.Stdin(2));
    }

    [Fact]
    public async Task RunAsync_ResumedRunFailsWithAResult_ReportsTheFailureWithoutStartingOver()
    {
        var outcome = await fake.RunAsync("tool", resumeSessionId: "519c9bf4-bbd6-481c-b494-f94e63ba2afe", resumeScenario: "api-400");

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, fake.Invocations);
    }

    public void Dispose() => fake.Dispose();
}
