using System.Collections.Concurrent;
using System.Threading.Channels;
using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// The store-backed line between one running agent attempt and people. Asks are stored before anyone waits; answers,
/// messages and pause requests reach it from the engine, which reads them from the store when woken (a local write,
/// the daemon's socket, another node's announcement) and at every lease renewal, so nothing depends on a wake-up
/// arriving. While an ask waits, the task's timeout does not run; the input timeout applies its policy.
/// </summary>
internal sealed partial class AttemptConversation : IAttemptConversation, IDisposable
{
    /// <summary>Who decided when the input-timeout policy answered.</summary>
    public const string PolicyResponder = "policy";

    private readonly IInteractionStore store;
    private readonly AttemptKey attempt;
    private readonly string workerId;
    private readonly AttemptSlot slot;
    private readonly TimeSpan pauseGrace;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly int? inputTimeoutSeconds;
    private readonly InputTimeoutAction onInputTimeout;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InteractionRecord>> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> posted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> openByFingerprint = new(StringComparer.Ordinal);
    private readonly Channel<SteeringMessage> messages = Channel.CreateUnbounded<SteeringMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource pause = new();

    public AttemptConversation(
        IInteractionStore store, TaskRecord task, AttemptKey attempt, string workerId, AttemptSlot slot, TimeSpan pauseGrace, TimeProvider time, ILogger logger)
    {
        this.store = store;
        this.attempt = attempt;
        this.workerId = workerId;
        this.slot = slot;
        this.pauseGrace = pauseGrace;
        this.time = time;
        this.logger = logger;
        inputTimeoutSeconds = task.Definition.InputTimeoutSeconds ?? task.Definition.Agent?.InputTimeoutSeconds;
        onInputTimeout = task.Definition.OnInputTimeout ?? task.Definition.Agent?.OnInputTimeout ?? InputTimeoutAction.Deny;
    }

    /// <inheritdoc />
    public ChannelReader<SteeringMessage> Messages => messages.Reader;

    /// <inheritdoc />
    public CancellationToken PauseRequested => pause.Token;

    /// <inheritdoc />
    public async Task<InteractionRecord> AskAsync(InteractionAsk ask, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slot.Token, pause.Token);
        var opened = await store.OpenAsync(attempt, workerId, ask, InteractionFingerprint.Of(ask), time.GetUtcNow(), linked.Token);
        if (opened is null)
        {
            // Another worker has the attempt now: this copy must not run on.
            slot.TryStop(StopReason.LeaseLost);
            throw new OperationCanceledException("the attempt no longer holds its lease");
        }

        if (opened.Response is not null)
        {
            // Answered while no daemon ran (or before this attempt took the interaction over): apply it at once.
            return opened;
        }

        LogAsked(logger, attempt.ToString(), opened.Id, opened.Ask.Kind.ToWire());
        openByFingerprint[opened.Fingerprint] = opened.Id;
        var answered = answers.GetOrAdd(opened.Id, static _ => NewAnswer());
        slot.HoldTimeout();
        try
        {
            if (inputTimeoutSeconds is not { } seconds)
            {
                return await answered.Task.WaitAsync(linked.Token);
            }

            var expiry = Task.Delay(TimeSpan.FromSeconds(seconds), time, linked.Token);
            if (await Task.WhenAny(answered.Task, expiry) == answered.Task)
            {
                return await answered.Task;
            }

            await expiry; // throws if it was cancelled rather than run out
            return await ExpireAsync(opened, seconds, answered, linked.Token);
        }
        finally
        {
            slot.ReleaseTimeout();
            openByFingerprint.TryRemove(KeyValuePair.Create(opened.Fingerprint, opened.Id));
        }
    }

    /// <inheritdoc />
    public async Task DeliveredAsync(InteractionRecord answered, CancellationToken cancellationToken)
    {
        await store.MarkDeliveredAsync(answered.Id, time.GetUtcNow(), cancellationToken);
        answers.TryRemove(answered.Id, out _);
    }

    /// <inheritdoc />
    public async Task WithdrawAsync(InteractionRecord open, string reason, CancellationToken cancellationToken)
    {
        // A runner whose ask is still waiting knows it only by what it asked: the fingerprint finds its id.
        var id = open.Id is { Length: > 0 } known ? known : openByFingerprint.GetValueOrDefault(open.Fingerprint);
        if (id is null)
        {
            return;
        }

        await store.WithdrawAsync(id, reason, time.GetUtcNow(), cancellationToken);
        if (answers.TryRemove(id, out var waiting))
        {
            waiting.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task MessageDeliveredAsync(SteeringMessage message, CancellationToken cancellationToken) =>
        await store.MarkMessageDeliveredAsync(message.Id, time.GetUtcNow(), cancellationToken);

    /// <summary>An answer read from the store: the ask waiting for it returns it (or will, if it is not waiting yet).</summary>
    public void Answer(InteractionRecord answered) => answers.GetOrAdd(answered.Id, static _ => NewAnswer()).TrySetResult(answered);

    /// <summary>A message read from the store: queued for the runner once (the store lists it until it is delivered).</summary>
    public void Post(SteeringMessage message)
    {
        if (posted.TryAdd(message.Id, 0))
        {
            messages.Writer.TryWrite(message);
        }
    }

    /// <summary>
    /// Pauses the attempt: the runner is told to interrupt its agent gracefully, and the attempt is stopped as paused
    /// if it has not ended after the grace period.
    /// </summary>
    public void RequestPause(string? note = null)
    {
        if (slot.TryStopAfter(StopReason.Paused, pauseGrace, time))
        {
            slot.StopNote ??= note;
            try
            {
                pause.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The runner had already returned; the attempt ends as paused all the same.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        messages.Writer.TryComplete();
        foreach (var waiting in answers.Values)
        {
            waiting.TrySetCanceled(CancellationToken.None);
        }

        pause.Dispose();
    }

    /// <summary>Nobody answered in time: the policy decides (deny answers for the person; fail and pause stop the attempt).</summary>
    private async Task<InteractionRecord> ExpireAsync(InteractionRecord open, int seconds, TaskCompletionSource<InteractionRecord> answered, CancellationToken cancellationToken)
    {
        var why = $"nobody answered within its input timeout ({seconds} s)";
        var policyAnswer = onInputTimeout == InputTimeoutAction.Deny
            ? new InteractionResponse { Decision = InteractionDecision.Deny, Message = $"Nobody answered within {seconds} s; carry on without it.", RespondedBy = PolicyResponder }
            : null;
        if (!await store.ExpireAsync(open.Id, policyAnswer, why, time.GetUtcNow(), cancellationToken))
        {
            // A person answered just before the policy did: theirs stands.
            return await answered.Task.WaitAsync(cancellationToken);
        }

        LogExpired(logger, attempt.ToString(), open.Id, onInputTimeout.ToString());
        switch (onInputTimeout)
        {
            case InputTimeoutAction.Deny:
                return (await store.GetAsync(open.Id, cancellationToken))!;
            case InputTimeoutAction.Pause:
                RequestPause($"paused: the agent's question {why}");
                break;
            default:
                slot.StopNote = $"the agent's question {why}";
                slot.TryStop(StopReason.InputTimeout);
                break;
        }

        throw new OperationCanceledException(why);
    }

    private static TaskCompletionSource<InteractionRecord> NewAnswer() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt} waits for a person: interaction {Interaction} ({Kind})")]
    private static partial void LogAsked(ILogger logger, string attempt, string interaction, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {Attempt}: nobody answered interaction {Interaction} in time; applying {Policy}")]
    private static partial void LogExpired(ILogger logger, string attempt, string interaction, string policy);
}
