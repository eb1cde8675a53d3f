using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Application.Testing;

namespace Baton.Core.Tests.Application;

/// <summary>Answering interactions through the application layer, over the real SQLite store: checks, messages, and that a refused answer changes nothing.</summary>
public sealed class InteractionServiceTests
{
    private static readonly InteractionAsk MergeConflict = new()
    {
        Kind = InteractionKind.MergeConflict,
        Summary = "Merge conflict: baton/shop/ui into baton/shop/integration (1 file: README.md)",
        Input = """{"branch":"baton/shop/ui","into":"baton/shop/integration","worktree":"/repo/worktrees/integration","files":["README.md"],"round":0}""",
    };

    private static readonly InteractionAsk Approval = new()
    {
        Kind = InteractionKind.ToolApproval,
        Summary = "Bash: rm -rf build",
        ToolName = "Bash",
        Input = """{"command":"rm -rf build"}""",
    };

    private static readonly InteractionAsk Question = new()
    {
        Kind = InteractionKind.Question,
        Summary = "Which database?",
        Questions = [new InteractionQuestion("Which database?", null, [new InteractionOption("SQLite"), new InteractionOption("PostgreSQL")])],
    };

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

    [Fact]
    public async Task RespondAsync_MessageTooLong_Invalid()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var (_, open) = await harness.AskAsync(Approval);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(
            open.Id, new InteractionReply(InteractionDecision.Deny, new string('x', InteractionService.MaxMessageBytes + 1)), "alice"));

        Assert.Equal((ErrorKind.InvalidInput, "the message must be at most 16 KiB"), (error.Kind, error.Message));
    }

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

    [Fact]
    public async Task RespondAsync_PhaseGate_DecidedByTheGatesAndWorkQueued()
    {
        var gates = new RecordingGates();
        await using var harness = await PeopleHarness.CreateAsync(gates);
        var gate = await GateAsync(harness);

        var answered = await harness.InteractionService.RespondAsync(gate, new InteractionReply(InteractionDecision.Approve, "ship it"), "alice");

        var (decided, response) = Assert.Single(gates.Decisions);
        Assert.Equal((gate, "ship it", "alice"), (decided.Id, response.Message, response.RespondedBy));
        Assert.Equal(InteractionStatus.Answered, answered.Status);
        Assert.Equal([WorkChange.Queued], harness.Notifier.Changes);
    }

    [Fact]
    public async Task RespondAsync_PhaseGateWithoutGates_ConflictPointingToWorkflowApprove()
    {
        await using var harness = await PeopleHarness.CreateAsync();
        var gate = await GateAsync(harness);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.InteractionService.RespondAsync(gate, new InteractionReply(InteractionDecision.Approve), "alice"));

        Assert.Equal($"interaction {gate} is the gate of phase build; answer it with 'baton workflow approve|reject wf0000000001 build'", error.Message);
    }

    /// <summary>A phase gate's row as the workflow store would write it.</summary>
    private static async Task<string> GateAsync(PeopleHarness harness)
    {
        var ask = new InteractionAsk { Kind = InteractionKind.PhaseGate, Summary = "Phase build waits for approval" };
        await harness.ExecuteAsync(
            $"""
            INSERT INTO interactions (id, workflow_id, phase_id, kind, status, summary, ask, fingerprint, created_at, raised_at)
            VALUES ('in_gate00000001', 'wf0000000001', 'build', 'phase_gate', 'open', '{ask.Summary}', '{InteractionJson.Write(ask)}', 'f', 0, 0)
            """);
        return "in_gate00000001";
    }

    private sealed class RecordingGates : IPhaseGates
    {
        public List<(InteractionRecord Gate, InteractionResponse Response)> Decisions { get; } = [];

        public Task<RespondResult> DecideAsync(InteractionRecord gate, InteractionResponse response, CancellationToken cancellationToken = default)
        {
            Decisions.Add((gate, response));
            return Task.FromResult(new RespondResult(RespondOutcome.Answered, gate with { Status = InteractionStatus.Answered, Response = response }));
        }
    }
}
