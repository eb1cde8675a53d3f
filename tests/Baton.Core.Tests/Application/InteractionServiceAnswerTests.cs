using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Tests.Application.Testing;
using static Baton.Core.Tests.Application.InteractionAsks;

namespace Baton.Core.Tests.Application;

/// <summary>The answer a person gives, checked against what was asked: a question by option number or free text, a merge conflict by its own answers, over the real SQLite store.</summary>
public sealed class InteractionServiceAnswerTests
{
    [Fact]
    public async Task RespondAsync_OptionNumber_AnsweredWithItsLabel()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Question);

        var answered = await harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer, Option: 2), "alice");

        Assert.Equal("PostgreSQL", answered.Response?.Answers["Which database?"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task RespondAsync_OptionOutOfRange_InvalidListingTheOptions(int option)
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Question);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer, Option: option), "alice"));

        Assert.Equal($"option {option} is out of range; the question offers 1) SQLite, 2) PostgreSQL", error.Message);
        Assert.Equal(InteractionStatus.Open, (await harness.Interactions.GetAsync(open.Id))?.Status);
    }

    [Fact]
    public async Task RespondAsync_FreeText_AnswersTheOnlyQuestion()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Question);

        var answered = await harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer, "DuckDB, actually"), "alice");

        Assert.Equal("DuckDB, actually", answered.Response?.Answers["Which database?"]);
    }

    [Fact]
    public async Task RespondAsync_AnswerWithNothing_Invalid()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Question);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer), "alice"));

        Assert.Equal("an answer needs text, an option number or answers to the questions", error.Message);
    }

    [Fact]
    public async Task RespondAsync_AnswersForAnApprovalOrAlwaysForAQuestion_Invalid()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, approval) = await harness.AskAsync(Approval);
        var (_, question) = await harness.AskAsync(Question);

        var answers = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(
            approval.Id, new InteractionReply(InteractionDecision.Approve, Answers: new Dictionary<string, string> { ["q"] = "a" }), "alice"));
        var always = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(
            question.Id, new InteractionReply(InteractionDecision.Answer, "SQLite", Remember: true), "alice"));

        Assert.Equal("answers and options are for questions; this is a tool_approval (approve or deny it)", answers.Message);
        Assert.Equal("remember (--always) is for tool approvals; this is a question", always.Message);
    }

    [Theory]
    [InlineData("done")]
    [InlineData("agent")]
    public async Task RespondAsync_MergeConflictAnsweredWithSomethingElse_InvalidListingTheAnswers(string text)
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(MergeConflict);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer, text), "alice"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'resolved', 'abort' or 'agent NAME [instructions]'", error.Message, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.Open, (await harness.Interactions.GetAsync(open.Id))?.Status);
    }

    [Fact]
    public async Task RespondAsync_MergeConflictHandedToAnUnknownAgent_NotFoundLookedUpInTheWorktree()
    {
        var looked = new List<(string Name, string Directory)>();
        await using var agents = await PeopleHarness.CreateAsync(resolveAgent: (name, directory) =>
        {
            looked.Add((name, directory));
            throw BatonException.NotFound($"no agent named '{name}'; did you mean 'claude'?");
        });
        var (_, open) = await agents.AskAsync(MergeConflict);

        var error = await Assert.ThrowsAsync<BatonException>(() => agents.InteractionService.RespondAsync(open.Id, new InteractionReply(InteractionDecision.Answer, "agent claud"), "alice"));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal([("claud", "/repo/worktrees/integration")], looked);
        Assert.Equal(InteractionStatus.Open, (await agents.Interactions.GetAsync(open.Id))?.Status);
    }
}
