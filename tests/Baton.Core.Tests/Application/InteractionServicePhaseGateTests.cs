using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tests.Application.Testing;

namespace Baton.Core.Tests.Application;

/// <summary>A phase gate answered as an interaction: decided by the phase gates when there are some, otherwise pointed to workflow approve.</summary>
public sealed class InteractionServicePhaseGateTests
{
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
