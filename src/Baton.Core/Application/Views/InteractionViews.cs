using System.Text.Json;
using Baton.Core.Interactions;

namespace Baton.Core.Application.Views;

/// <summary>Builds the views of interactions, with the commands that answer an open one.</summary>
public static class InteractionViews
{
    /// <summary>The view of <paramref name="interaction"/> as of <paramref name="now"/>.</summary>
    /// <param name="interaction">The stored interaction.</param>
    /// <param name="now">For how long it has waited.</param>
    /// <param name="taskName">Its task's name, when the caller has it at hand.</param>
    public static InteractionView Of(InteractionRecord interaction, DateTimeOffset now, string? taskName = null)
    {
        var ask = interaction.Ask;
        var waitedUntil = interaction.Status == InteractionStatus.Open ? now : interaction.ClosedAt ?? now;
        return new InteractionView
        {
            InteractionId = interaction.Id,
            Kind = ask.Kind.ToWire(),
            Status = interaction.Status.ToWire(),
            Summary = ask.Summary,
            TaskId = interaction.TaskId,
            TaskName = taskName,
            Attempt = interaction.AttemptNumber,
            WorkflowId = interaction.WorkflowId,
            PhaseId = interaction.PhaseId,
            ToolName = ask.ToolName,
            Input = Json(ask.Input),
            Suggestions = Json(ask.Suggestions),
            Detail = ask.Detail,
            Questions = [.. ask.Questions.Select((q, i) => new InteractionQuestionView(
                i + 1, q.Text, q.Header, [.. q.Options.Select((o, j) => new InteractionOptionView(j + 1, o.Label, o.Description))], q.MultiSelect))],
            Plan = ask.Plan,
            Decisions = [.. InteractionDecisions.AllNames.Where(d => InteractionDecisions.TryParse(d, out var decision) && ask.Kind.Accepts(decision))],
            CreatedAt = interaction.CreatedAt,
            WaitedSeconds = Math.Max(0, (long)(waitedUntil - interaction.CreatedAt).TotalSeconds),
            AnswerWith = interaction.Status == InteractionStatus.Open ? AnswerCommands(interaction) : [],
            Response = interaction.Response is { } r ? Of(r) : null,
            ClosedAt = interaction.ClosedAt,
            CloseReason = interaction.CloseReason,
            DeliveredAt = interaction.DeliveredAt,
            RemindedAt = interaction.RemindedAt,
        };
    }

    /// <summary>The view of a decision.</summary>
    public static InteractionResponseView Of(InteractionResponse response) => new()
    {
        Decision = response.Decision.ToWire(),
        Message = response.Message,
        Answers = response.Answers,
        Remember = response.Remember,
        RespondedBy = response.RespondedBy,
    };

    /// <summary>The commands that answer an open interaction, the usual one first.</summary>
    public static IReadOnlyList<string> AnswerCommands(InteractionRecord interaction)
    {
        var id = interaction.Id;
        return interaction.Ask.Kind switch
        {
            InteractionKind.PhaseGate when interaction.WorkflowId is { } workflow && interaction.PhaseId is { } phase =>
                [$"baton workflow approve {workflow} {phase}", $"baton workflow reject {workflow} {phase} --message TEXT"],
            InteractionKind.Question when interaction.Ask.Questions.Any(q => q.Options.Count > 0) =>
                [$"baton task answer {id} --option N", $"baton task answer {id} TEXT", $"baton task deny {id} --message TEXT"],
            InteractionKind.Question => [$"baton task answer {id} TEXT", $"baton task deny {id} --message TEXT"],
            InteractionKind.Budget => [$"baton task answer {id} USD", $"baton task approve {id}", $"baton task deny {id}"],
            InteractionKind.MergeConflict => [$"baton task approve {id}", $"baton task deny {id} --message TEXT", $"baton task answer {id} resolved|abort", $"baton task answer {id} agent NAME [instructions]"],
            InteractionKind.ToolApproval => [$"baton task approve {id}", $"baton task approve {id} --always", $"baton task deny {id} --message TEXT"],
            _ => [$"baton task approve {id}", $"baton task deny {id} --message TEXT"],
        };
    }

    // The CLIs send JSON; anything else is shown as the text it is.
    private static JsonElement? Json(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, ViewJsonContext.Default.String);
        }
    }
}
