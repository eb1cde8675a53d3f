using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Tests.Application.Testing;
using static Baton.Core.Tests.Application.InteractionAsks;

namespace Baton.Core.Tests.Application;

/// <summary>Finding interactions through the application layer, over the real SQLite store: by id, by task id prefix, and listed within limits.</summary>
public sealed class InteractionServiceLookupTests
{
    [Fact]
    public async Task GetAsync_MalformedOrUnknownId_InvalidWithTheShapeOrNotFound()
    {
        await using var harness = await PeopleHarness.CreateAsync();

        var malformed = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.GetAsync("abc"));
        var unknown = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.GetAsync("in_zzzzzzzzzzzz"));

        Assert.Equal((ErrorKind.InvalidInput, $"'abc' is not an interaction id; {InteractionIds.Shape}"), (malformed.Kind, malformed.Message));
        Assert.Equal((ErrorKind.NotFound, "no interaction with id 'in_zzzzzzzzzzzz'; 'baton inbox' lists the open ones"), (unknown.Kind, unknown.Message));
    }

    [Fact]
    public async Task RespondToTaskAsync_ByPrefix_AnswersItsOpenInteraction()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (claim, open) = await harness.AskAsync(Approval);

        var answered = await harness.InteractionService.RespondToTaskAsync(claim.Task.Id[..6], new InteractionReply(InteractionDecision.Approve), "alice");

        Assert.Equal(open.Id, answered.Id);
    }

    [Fact]
    public async Task GetOpenAsync_NothingOpen_ConflictSayingWhatTheTaskIs()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var id = await harness.QueueAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.GetOpenAsync(id));

        Assert.Equal((ErrorKind.Conflict, $"task {id} has no open interaction; it is pending"), (error.Kind, error.Message));
        Assert.Null(await harness.InteractionService.FindOpenAsync(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ListAsync_LimitOutOfRange_Invalid(int limit)
    {
        await using var harness = await PeopleHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.ListAsync(new InteractionQuery(Limit: limit)));

        Assert.Equal($"limit must be between 1 and 1000 (got {limit})", error.Message);
    }

    [Fact]
    public async Task ListAsync_TaskPrefix_OnlyThatTasksOpenOnes()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (claim, open) = await harness.AskAsync(Approval);
        await harness.AskAsync(Question);

        var listed = await harness.InteractionService.ListAsync(new InteractionQuery(TaskId: claim.Task.Id[..5]));
        var all = await harness.InteractionService.ListAsync(new InteractionQuery());

        Assert.Equal([open.Id], listed.Select(i => i.Id));
        Assert.Equal(2, all.Count);
    }
}
