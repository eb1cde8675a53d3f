using System.Collections.Concurrent;
using System.Text.Json;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// Answers the requests <c>codex app-server</c> sends during a turn. Approvals and questions are put to a person
/// through the attempt's conversation, each on a task of its own so that reading stdout never waits on a person; any
/// other request is refused at once. The items the server started are remembered, because a request names its item
/// only by id and the person asked should see what it is about.
/// </summary>
/// <param name="rpc">Baton's replies to the server.</param>
/// <param name="conversation">Where people are asked, and their answers marked delivered.</param>
/// <param name="workingDirectory">The task's working directory, which the questions are put in terms of.</param>
/// <param name="fail">Stops the run when the conversation's store fails.</param>
/// <param name="abandon">Cancelled when the run is abandoned (stopped, or failed).</param>
internal sealed class CodexRequestAnswerer(
    CodexRpcChannel rpc, IAttemptConversation conversation, string workingDirectory, Action<Exception> fail, CancellationToken abandon)
{
    private readonly ConcurrentDictionary<string, JsonElement> items = new(StringComparer.Ordinal);
    private readonly List<Task> answers = [];

    /// <summary>The server started an item (<c>item/started</c>), which a later request may name.</summary>
    public void ItemStarted(string itemId, JsonElement item) => items[itemId] = item;

    /// <summary>Takes a request the server sent: a person's is asked on its own task, any other refused.</summary>
    public void Answer(string method, JsonElement id, JsonElement parameters)
    {
        if (!CodexRequests.IsForPerson(method))
        {
            _ = rpc.RespondErrorAsync(id, -32601, $"Baton does not answer {method}", abandon);
            return;
        }

        lock (answers)
        {
            answers.Add(Task.Run(() => AnswerAsync(method, id, parameters)));
        }
    }

    /// <summary>Completes once every answer started so far has; awaited when the process has ended.</summary>
    public Task WhenAllAnsweredAsync()
    {
        Task[] pending;
        lock (answers)
        {
            pending = [.. answers];
        }

        return Task.WhenAll(pending);
    }

    /// <summary>Asks a person, replies with their decision, and marks the answer delivered.</summary>
    private async Task AnswerAsync(string method, JsonElement id, JsonElement parameters)
    {
        var item = JsonFields.Text(parameters, "itemId") is { } itemId ? items.GetValueOrDefault(itemId) : default;
        var ask = CodexRequests.Ask(method, parameters, item, workingDirectory);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(abandon, conversation.PauseRequested);
        try
        {
            var answered = await conversation.AskAsync(ask, waiting.Token);
            var response = answered.Response!;

            // The feedback goes in first, while the turn still waits on this request, so that the model request that
            // follows the reply carries it (sent after the reply, it could miss that request).
            if (CodexRequests.Feedback(method, response) is { } feedback && JsonFields.Text(parameters, "turnId") is { } turnId
                && JsonFields.Text(parameters, "threadId") is { } threadId)
            {
                await rpc.RequestAsync("turn/steer", CodexAppServerMessages.Steer(threadId, turnId, feedback), abandon);
            }

            if (await rpc.RespondAsync(id, CodexRequests.Reply(method, parameters, response), abandon))
            {
                await conversation.DeliveredAsync(answered, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            // Cancelled, timed out or paused: the process is being stopped or the turn interrupted.
        }
        catch (Exception ex)
        {
            fail(ex);
        }
    }
}
