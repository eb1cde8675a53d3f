using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Baton.Core.Tests.Application.Testing;
using static Baton.Core.Tests.Application.InteractionAsks;

namespace Baton.Core.Tests.Application;

/// <summary>Answering an interaction through the application layer, over the real SQLite store: stored with who answered, refused when it is closed, not for its kind or too long, and a refused answer changes nothing.</summary>
public sealed class InteractionServiceRespondTests
{
    [Fact]
    public async Task RespondAsync_Approve_StoredWithWhoTaskRunningAndWorkerTold()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (claim, open) = await harness.AskAsync(Approval);

        var answered = await harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Approve, "go ahead", Remember: true), "alice");

        Assert.Equal(InteractionStatus.Answered, answered.Status);
        Assert.Equal(("alice", true, "go ahead"), (answered.Response?.RespondedBy, answered.Response?.Remember, answered.Response?.Message));
        Assert.Equal(TaskState.Running, (await harness.Tasks.GetTaskAsync(claim.Task.Id))?.Status);
        Assert.Equal([WorkChange.Attention], harness.Notifier.Changes);
    }

    [Theory]
    [InlineData(InteractionDecision.Answer, "a tool_approval takes approve or deny, not answer")]
    public async Task RespondAsync_DecisionNotForTheKind_InvalidSayingWhatItTakesAndNothingChanged(InteractionDecision decision, string expected)
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Approval);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(decision, "yes"), "alice"));

        Assert.Equal((ErrorKind.InvalidInput, expected), (error.Kind, error.Message));
        Assert.Equal(InteractionStatus.Open, (await harness.Interactions.GetAsync(open.Id))?.Status);
        Assert.Empty(harness.Notifier.Changes);
    }

    [Fact]
    public async Task RespondAsync_ApproveAQuestion_InvalidSayingAnswerOrDeny()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Question);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Approve), "alice"));

        Assert.Equal("a question takes deny or answer, not approve", error.Message);
    }

    [Fact]
    public async Task RespondAsync_AnsweredBefore_ConflictNamingTheFirstAnswer()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Approval);
        await harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Deny, "no"), "alice");

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Approve), "bob"));

        Assert.Equal((ErrorKind.Conflict, $"interaction {open.Id} was answered already (deny by alice); nothing changed"), (error.Kind, error.Message));
        Assert.Equal(InteractionDecision.Deny, (await harness.Interactions.GetAsync(open.Id))?.Response?.Decision);
    }

    [Fact]
    public async Task RespondAsync_WithdrawnOrExpired_ConflictWithTheReason()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (claim, open) = await harness.AskAsync(Approval);
        var other = await harness.Interactions.OpenAsync(claim.Attempt, PeopleHarness.Worker, Question, InteractionFingerprint.Of(Question), harness.Clock.GetUtcNow());
        await harness.Interactions.WithdrawAsync(open.Id, "the agent took it back", harness.Clock.GetUtcNow());
        await harness.Interactions.ExpireAsync(other!.Id, null, "nobody answered within 60 seconds", harness.Clock.GetUtcNow());

        var withdrawn = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Approve), "bob"));
        var expired = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(other.Id, new InteractionReply(InteractionDecision.Answer, "SQLite"), "bob"));

        Assert.Equal($"interaction {open.Id} was withdrawn (the agent took it back); nobody waits for an answer any more", withdrawn.Message);
        Assert.Equal($"interaction {other.Id} expired (nobody answered within 60 seconds); it can no longer be answered", expired.Message);
        Assert.Equal((ErrorKind.Conflict, ErrorKind.Conflict), (withdrawn.Kind, expired.Kind));
    }

    [Fact]
    public async Task RespondAsync_MessageTooLong_Invalid()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Approval);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(
            open.Id, new InteractionReply(InteractionDecision.Deny, new string('x', InteractionService.MaxMessageBytes + 1)), "alice"));

        Assert.Equal((ErrorKind.InvalidInput, "the message must be at most 16 KiB"), (error.Kind, error.Message));
    }
}
