using System.Globalization;
using System.Text;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// The application layer for people in the loop: the inbox, one interaction, a task's open one, and answering. Every
/// front end (CLI, REST, MCP) calls this, so that the checks of an answer and their messages are the same everywhere.
/// </summary>
/// <param name="store">The interactions.</param>
/// <param name="tasks">Resolves task ids and prefixes, and reads a task's status for messages.</param>
/// <param name="notifier">Tells the worker running a task that an answer waits for it.</param>
/// <param name="time">The clock.</param>
/// <param name="gates">Decides phase gates; without it a gate is answered with 'baton workflow approve|reject'.</param>
/// <param name="resolveAgent">
/// Finds an agent by name from a working directory (throws not found naming close matches), so that a merge conflict
/// handed to a misspelt agent is refused at once; without it the name is checked when the merge starts the agent.
/// </param>
public sealed class InteractionService(
    IInteractionStore store, TaskService tasks, IWorkNotifier notifier, TimeProvider time, IPhaseGates? gates = null,
    Func<string, string, Agents.AgentDefinition>? resolveAgent = null)
{
    /// <summary>The most interactions one listing returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The longest message (a reason, feedback, a free-text answer) an answer may carry, in bytes of UTF-8.</summary>
    public const int MaxMessageBytes = TaskService.MaxMessageBytes;

    /// <summary>
    /// Interactions matching <paramref name="query"/>, oldest first (the inbox: open ones by default). A task id may be
    /// a unique prefix. Invalid input for a limit outside 1 to <see cref="MaxLimit"/>.
    /// </summary>
    public async Task<IReadOnlyList<InteractionRecord>> ListAsync(InteractionQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw BatonException.Invalid($"limit must be between 1 and {MaxLimit} (got {query.Limit})");
        }

        if (query.TaskId is { } taskId)
        {
            query = query with { TaskId = await tasks.ResolveIdAsync(taskId, cancellationToken) };
        }

        return await store.ListAsync(query, cancellationToken);
    }

    /// <summary>The interaction with this id; invalid input for a malformed id, not found for an unknown one.</summary>
    public async Task<InteractionRecord> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var text = id.Trim().ToLowerInvariant();
        if (!InteractionIds.LooksLikeId(text))
        {
            throw BatonException.Invalid($"'{id}' is not an interaction id; {InteractionIds.Shape}");
        }

        return await store.GetAsync(text, cancellationToken)
            ?? throw BatonException.NotFound($"no interaction with id '{id}'; 'baton inbox' lists the open ones");
    }

    /// <summary>The oldest open interaction of a task (by id or unique prefix), or null when it has none.</summary>
    public async Task<InteractionRecord?> FindOpenAsync(string taskIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var taskId = await tasks.ResolveIdAsync(taskIdOrPrefix, cancellationToken);
        return (await store.ListAsync(new InteractionQuery(InteractionStatus.Open, taskId, Limit: 1), cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The oldest open interaction of a task (by id or unique prefix); conflict when it has none, saying what the task
    /// is doing instead.
    /// </summary>
    public async Task<InteractionRecord> GetOpenAsync(string taskIdOrPrefix, CancellationToken cancellationToken = default)
    {
        var task = (await tasks.GetAsync(taskIdOrPrefix, cancellationToken)).Task;
        return await FindOpenAsync(task.Id, cancellationToken)
            ?? throw BatonException.Conflict($"task {task.Id} has no open interaction; it is {task.Status.ToWire()}");
    }

    /// <summary>
    /// Answers the interaction <paramref name="id"/> for <paramref name="respondedBy"/>: the reply is checked against what
    /// was asked (invalid input naming what the kind takes, the options a question offers), stored, and the worker that
    /// waits for it is told at once. A phase gate is decided through <see cref="IPhaseGates"/>. Conflict when it was
    /// answered before, withdrawn or expired; nothing is changed then.
    /// </summary>
    /// <returns>The interaction as answered.</returns>
    public async Task<InteractionRecord> RespondAsync(string id, InteractionReply reply, string respondedBy, CancellationToken cancellationToken = default)
    {
        var interaction = await GetAsync(id, cancellationToken);
        var response = Check(interaction, reply, respondedBy);
        CheckMergeAgent(interaction, response);
        RespondResult result;
        if (interaction.Ask.Kind == InteractionKind.PhaseGate)
        {
            result = gates is null
                ? throw BatonException.Conflict(
                    $"interaction {interaction.Id} is the gate of phase {interaction.PhaseId}; answer it with 'baton workflow approve|reject {interaction.WorkflowId} {interaction.PhaseId}'")
                : await gates.DecideAsync(interaction, response, cancellationToken);
        }
        else
        {
            result = await store.RespondAsync(interaction.Id, response, time.GetUtcNow(), cancellationToken);
        }

        var answered = Outcome(interaction, result);
        await notifier.NotifyAsync(interaction.Ask.Kind == InteractionKind.PhaseGate ? WorkChange.Queued : WorkChange.Attention, cancellationToken);
        return answered;
    }

    /// <summary>Answers the oldest open interaction of a task (by id or unique prefix); see <see cref="RespondAsync"/>.</summary>
    public async Task<InteractionRecord> RespondToTaskAsync(string taskIdOrPrefix, InteractionReply reply, string respondedBy, CancellationToken cancellationToken = default)
    {
        var open = await GetOpenAsync(taskIdOrPrefix, cancellationToken);
        return await RespondAsync(open.Id, reply, respondedBy, cancellationToken);
    }

    /// <summary>The response a reply makes to <paramref name="interaction"/>, or invalid input saying what it takes.</summary>
    private static InteractionResponse Check(InteractionRecord interaction, InteractionReply reply, string respondedBy)
    {
        var kind = interaction.Ask.Kind;
        if (!Enum.IsDefined(reply.Decision) || !kind.Accepts(reply.Decision))
        {
            var takes = string.Join(" or ", InteractionDecisions.AllNames.Where(n => InteractionDecisions.TryParse(n, out var d) && kind.Accepts(d)));
            throw BatonException.Invalid($"a {kind.ToWire()} takes {takes}, not {(Enum.IsDefined(reply.Decision) ? reply.Decision.ToWire() : "that")}");
        }

        if (string.IsNullOrWhiteSpace(respondedBy))
        {
            throw new ArgumentException("an answer records who gave it", nameof(respondedBy));
        }

        var message = string.IsNullOrWhiteSpace(reply.Message) ? null : reply.Message;
        if (message is not null && Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw BatonException.Invalid($"the message must be at most {MaxMessageBytes / 1024} KiB");
        }

        var answers = reply.Answers ?? new Dictionary<string, string>();
        if (kind != InteractionKind.Question && (answers.Count > 0 || reply.Option is not null))
        {
            throw BatonException.Invalid($"answers and options are for questions; this is a {kind.ToWire()} (approve or deny it)");
        }

        if (reply.Remember && kind != InteractionKind.ToolApproval)
        {
            throw BatonException.Invalid($"remember (--always) is for tool approvals; this is a {kind.ToWire()}");
        }

        if (kind == InteractionKind.Budget && reply.Decision == InteractionDecision.Answer)
        {
            message = RaisedBudget(interaction, message);
        }
        else if (kind == InteractionKind.MergeConflict && reply.Decision == InteractionDecision.Answer)
        {
            _ = Runners.Merge.MergeAnswer.Parse(message)
                ?? throw BatonException.Invalid($"answer a merge conflict with {Runners.Merge.MergeAnswer.Forms} (got '{message}')");
        }
        else if (reply.Decision == InteractionDecision.Answer)
        {
            answers = Answers(interaction.Ask.Questions, answers, reply.Option, message);
        }

        return new InteractionResponse
        {
            Decision = reply.Decision,
            Message = message,
            Answers = answers,
            Remember = reply.Remember,
            RespondedBy = respondedBy.Trim(),
        };
    }

    /// <summary>A merge conflict handed to an agent names one that exists where the merge works.</summary>
    private void CheckMergeAgent(InteractionRecord interaction, InteractionResponse response)
    {
        if (resolveAgent is not null
            && interaction.Ask.Kind == InteractionKind.MergeConflict
            && Runners.Merge.MergeAnswer.Parse(response.Message) is { Kind: Runners.Merge.MergeAnswerKind.Agent, Agent: { } agent })
        {
            resolveAgent(agent, Runners.Merge.MergeRunner.WorktreeOf(interaction.Ask) ?? Environment.CurrentDirectory);
        }
    }

    /// <summary>The new budget a person answered a budget interaction with, as invariant text; it must exceed what was spent.</summary>
    private static string RaisedBudget(InteractionRecord interaction, string? message)
    {
        var spent = Costs.BudgetGuard.SpentWhenAsked(interaction.Ask) ?? 0;
        if (message is null
            || !decimal.TryParse(message.Trim().TrimStart('$'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount > Fields.TaskFields.MaxBudgetUsd)
        {
            throw BatonException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"raise a budget by answering with the new amount in USD, more than the ${spent:0.00} spent (e.g. {Math.Ceiling(spent * 2 + 1)}); or approve once, or deny to cancel"));
        }

        return amount > spent
            ? amount.ToString(CultureInfo.InvariantCulture)
            : throw BatonException.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"the new budget must be more than the ${spent:0.00} already spent (got ${amount:0.00})"));
    }

    /// <summary>A question's answers keyed by question: as given, from an option number, or the free text for its only question.</summary>
    private static IReadOnlyDictionary<string, string> Answers(
        IReadOnlyList<InteractionQuestion> questions, IReadOnlyDictionary<string, string> given, int? option, string? message)
    {
        foreach (var (question, answer) in given)
        {
            if (!questions.Any(q => q.Text == question))
            {
                throw BatonException.Invalid($"no question reads '{question}'; answers are keyed by the questions' text: {Listed(questions.Select(q => q.Text))}");
            }

            if (string.IsNullOrWhiteSpace(answer) || Encoding.UTF8.GetByteCount(answer) > MaxMessageBytes)
            {
                throw BatonException.Invalid($"the answer to '{question}' must be non-empty and at most {MaxMessageBytes / 1024} KiB");
            }
        }

        if (option is { } number)
        {
            if (given.Count > 0 || questions.Count != 1)
            {
                throw BatonException.Invalid(
                    $"an option number picks from a single question; this asks {questions.Count} (answer each by its text)");
            }

            var options = questions[0].Options;
            if (number < 1 || number > options.Count)
            {
                throw BatonException.Invalid(options.Count == 0
                    ? "this question offers no options; answer it in words"
                    : $"option {number} is out of range; the question offers {Listed(options.Select((o, i) => $"{i + 1}) {o.Label}"))}");
            }

            return new Dictionary<string, string> { [questions[0].Text] = options[number - 1].Label };
        }

        if (given.Count > 0)
        {
            return given;
        }

        return message switch
        {
            null => throw BatonException.Invalid("an answer needs text, an option number or answers to the questions"),
            _ when questions.Count == 1 => new Dictionary<string, string> { [questions[0].Text] = message },
            _ => new Dictionary<string, string>(),
        };
    }

    /// <summary>The answered interaction, or the error that says why it was not answered.</summary>
    private static InteractionRecord Outcome(InteractionRecord asked, RespondResult result)
    {
        var now = result.Interaction ?? asked;
        return result.Outcome switch
        {
            RespondOutcome.Answered => now,
            RespondOutcome.NotFound => throw BatonException.NotFound($"no interaction with id '{asked.Id}'; 'baton inbox' lists the open ones"),
            RespondOutcome.AlreadyAnswered => throw BatonException.Conflict(
                $"interaction {asked.Id} was answered already{(now.Response is { } r ? $" ({r.Decision.ToWire()} by {r.RespondedBy})" : string.Empty)}; nothing changed"),
            RespondOutcome.Withdrawn => throw BatonException.Conflict(
                $"interaction {asked.Id} was withdrawn{Because(now)}; nobody waits for an answer any more"),
            _ => throw BatonException.Conflict($"interaction {asked.Id} expired{Because(now)}; it can no longer be answered"),
        };
    }

    private static string Because(InteractionRecord interaction) => interaction.CloseReason is { } reason ? $" ({reason})" : string.Empty;

    private static string Listed(IEnumerable<string> items) => string.Join(", ", items);
}
