using System.Globalization;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Codex;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners.Codex;

/// <summary>The codex runner over a fake CLI that replays captures of codex 0.169.0 byte for byte.</summary>
public sealed class CodexRunnerTests : IDisposable
{
    private const string ToolThread = "01a1ff99-3954-7d83-ad8d-a99357589919";
    private readonly FakeCodex fake = new();

    [Fact]
    public async Task RunAsync_ToolCapture_SucceedsWithLastAgentMessage()
    {
        var outcome = await fake.RunAsync("tool");

        Assert.True(outcome.Succeeded);
        Assert.Equal("The file contains: hello world", outcome.Result);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NewThread_PassesExecJsonAndPromptOnStdin()
    {
        await fake.RunAsync("tool");

        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-s", "workspace-write", "-"], fake.Argv(1));
        Assert.Equal(FakeCodex.Instructions, fake.Stdin(1));
    }

    [Fact]
    public async Task RunAsync_ToolCapture_DetailsHoldThreadTokensAndNoCost()
    {
        var details = (await fake.RunAsync("tool")).Details!;

        Assert.Equal(ToolThread, details.SessionId);
        Assert.Equal("turn.completed", details.Subtype);
        Assert.False(details.IsError);
        Assert.Empty(details.Errors);
        Assert.Equal(2, details.Turns);
        Assert.Equal(0, details.MalformedLines);
        Assert.Null(details.CostUsd);
        Assert.False(details.CostEstimated);
        // input 3000 of which 2048 cached; 80 output of which 24 reasoning.
        Assert.Equal(new ModelUsage(952, 80, 2048, 0, null), Assert.Single(details.Models, m => m.Key == "codex").Value);
    }

    [Fact]
    public async Task RunAsync_ToolCapture_ReportsThreadAndCommandAsTheyArrive()
    {
        await fake.RunAsync("tool");

        Assert.Contains(new AgentProgress(ToolThread, null, 0, 0), fake.Progress);
        Assert.Contains(new AgentProgress(ToolThread, "Bash: cat hello.txt", 0, 0), fake.Progress);
        Assert.Equal(new AgentProgress(ToolThread, "Bash: cat hello.txt", 2, 0), fake.Progress[^1]);
    }

    [Fact]
    public async Task RunAsync_AgentWithModelPromptAndPlanMode_PassesModelSandboxAndPromptBlock()
    {
        var outcome = await fake.RunAsync("tool", d => d with
        {
            Model = "gpt-5-codex",
            Agent = new AgentSpec { Name = "reviewer", SystemPrompt = "You review code.\n", PermissionMode = "plan" },
        });

        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-m", "gpt-5-codex", "-s", "read-only", "-"], fake.Argv(1));
        Assert.Equal($"<agent_instructions>\nYou review code.\n</agent_instructions>\n\n{FakeCodex.Instructions}", fake.Stdin(1));
        Assert.Equal(["gpt-5-codex"], outcome.Details!.Models.Keys);
    }

    [Fact]
    public async Task RunAsync_AgentWithSettingsCodexLacks_NotesThemInTheLog()
    {
        await fake.RunAsync("tool", d => d with { Agent = new AgentSpec { Name = "a", MaxTurns = 3, PermissionMode = "weird" } });

        var log = fake.Log();
        Assert.Contains("[baton] codex has no flags for an agent's tools, disallowed tools or max turns; they are ignored", log, StringComparison.Ordinal);
        Assert.Contains("[baton] codex has no sandbox policy for permission mode 'weird'; using workspace-write", log, StringComparison.Ordinal);
        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-s", "workspace-write", "-"], fake.Argv(1));
    }

    [Fact]
    public async Task RunAsync_TextCaptureWithWarningItem_Succeeds()
    {
        var outcome = await fake.RunAsync("text");

        Assert.True(outcome.Succeeded);
        Assert.Equal("The file contains: hello world", outcome.Result);
        Assert.Empty(outcome.Details!.Errors);
    }

    [Fact]
    public async Task RunAsync_Api400_NonRetryableFailureWithTheApiMessage()
    {
        var outcome = await fake.RunAsync("api-400");

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Equal("mock bad request (invalid_request_error)", outcome.Error);
        Assert.Equal(1, outcome.ExitCode);
        var details = outcome.Details!;
        Assert.True(details.IsError);
        Assert.Equal("turn.failed", details.Subtype);
        Assert.Equal(["mock bad request (invalid_request_error)"], details.Errors);
        Assert.Equal("01a1ff99-70d2-7362-81a9-d73f5f0f0240", details.SessionId);
        Assert.Empty(details.Models);
    }

    [Fact]
    public async Task RunAsync_NoEndOfTurnButExitZero_RetryableFailure()
    {
        var outcome = await fake.RunAsync("no-turn");

        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Retryable);
        Assert.Equal("codex ended with exit code 0 without finishing its turn", outcome.Error);
        Assert.Equal(ToolThread, outcome.Details!.SessionId);
    }

    [Fact]
    public async Task RunAsync_NoOutputAndStderr_FailureQuotesStderr()
    {
        var outcome = await fake.RunAsync("silent-fail");

        Assert.Equal("codex ended with exit code 1 without finishing its turn: Error: no rollout found", outcome.Error);
    }

    [Fact]
    public async Task RunAsync_MalformedLines_CountedAndSkipped()
    {
        var outcome = await fake.RunAsync("malformed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Details!.MalformedLines);
        Assert.Equal("The file contains: hello world", outcome.Result);
    }

    [Fact]
    public async Task RunAsync_CliMissing_NonRetryableWithInstallHint()
    {
        var outcome = await fake.RunAsync("tool", onPath: false);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Equal("codex not found on PATH; install it with npm i -g @openai/codex or set runner/path", outcome.Error);
        Assert.StartsWith("[baton] codex not found on PATH", fake.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Stopped_StopsTheCliWithinTheGracePeriod()
    {
        using var stop = new CancellationTokenSource();
        var run = fake.RunAsync("sleep", stop: stop.Token);
        await Poll.UntilAsync(() => fake.Invocations == 1 && fake.Progress.Any(p => p.SessionId == ToolThread), TimeSpan.FromSeconds(20), "the fake to start");
        var pid = int.Parse(fake.Record("pid.1").Trim(), CultureInfo.InvariantCulture);

        await stop.CancelAsync();
        var outcome = await run;

        Assert.False(outcome.Succeeded);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the fake codex outlived its attempt");
    }

    [Fact]
    public async Task RunAsync_Resume_UsesResumeSubcommandWithPromptOnStdin()
    {
        var outcome = await fake.RunAsync("resume", resumeSessionId: ToolThread);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, fake.Invocations);
        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-s", "workspace-write", "resume", ToolThread, "-"], fake.Argv(1));
        Assert.Equal(Baton.Core.Runners.Agents.AgentPrompts.Resume, fake.Stdin(1));
        Assert.Equal(ToolThread, outcome.Details!.SessionId);
        Assert.Equal(new ModelUsage(1428, 120, 3072, 0, null), outcome.Details.Models["codex"]);
        Assert.Equal(new AgentProgress(ToolThread, null, 0, 0), fake.Progress[0]);
    }

    [Fact]
    public async Task RunAsync_ResumeEndsWithoutATurnAndNonZeroExit_StartsANewThreadOnce()
    {
        var outcome = await fake.RunAsync("tool", resumeSessionId: "0000-gone", resumeScenario: "silent-fail");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, fake.Invocations);
        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-s", "workspace-write", "-"], fake.Argv(2));
        Assert.Equal(FakeCodex.Instructions, fake.Stdin(2));
        Assert.Contains("[baton] codex does not know session 0000-gone; starting a new session with the original prompt", fake.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResumeAnswersWithAnotherThread_StopsItAndStartsANewThread()
    {
        var outcome = await fake.RunAsync("resume", resumeSessionId: "0000-gone");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, fake.Invocations);
        Assert.Equal(FakeCodex.Instructions, fake.Stdin(2));
        Assert.Contains("codex does not know session 0000-gone", fake.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResumedTurnFails_ReportsTheFailureWithoutStartingOver()
    {
        var outcome = await fake.RunAsync("tool", resumeSessionId: "01a1ff99-70d2-7362-81a9-d73f5f0f0240", resumeScenario: "api-400");

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, fake.Invocations);
        Assert.Equal("mock bad request (invalid_request_error)", outcome.Error);
    }

    public void Dispose() => fake.Dispose();
}
