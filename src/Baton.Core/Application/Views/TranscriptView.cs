using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/tasks/{id}/transcript: an attempt's transcript as entries, read from a byte offset of its log.</summary>
public sealed record TranscriptView
{
    public required string TaskId { get; init; }

    /// <summary>The attempt's number; null before the first attempt starts (no entries then).</summary>
    public int? Attempt { get; init; }

    /// <summary>The runner whose renderer made the entries (<c>claude</c>, <c>codex</c>, <c>gemini</c>; <c>command</c>: one output entry per line).</summary>
    public required string Runner { get; init; }

    /// <summary>The attempt's status (running, completed, ...); null without an attempt.</summary>
    public string? AttemptStatus { get; init; }

    public required IReadOnlyList<TranscriptEntryView> Entries { get; init; }

    /// <summary>Pass back as <c>offset</c> to read only what was logged after these entries.</summary>
    public required long NextOffset { get; init; }

    /// <summary>True when the attempt ended and everything it logged has been read.</summary>
    public required bool Complete { get; init; }

    /// <summary>Tokens the attempt used, summed over models, once its agent reported them.</summary>
    public TokensView? Tokens { get; init; }

    /// <summary>The attempt's cost in USD, where reported or estimated.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>True when the cost is Baton's estimate from the price table.</summary>
    public bool? CostEstimated { get; init; }

    /// <summary>The view of <paramref name="attempt"/> of <paramref name="task"/> (or of no attempt yet), without entries.</summary>
    public static TranscriptView Of(TaskRecord task, AttemptRecord? attempt, long offset) => new()
    {
        TaskId = task.Id,
        Runner = task.Definition.Runner,
        Attempt = attempt?.Key.Number,
        AttemptStatus = attempt?.Status.ToWire(),
        Entries = [],
        NextOffset = offset,
        Complete = attempt is null ? task.Status.IsTerminal() : attempt.EndedAt is not null,
        Tokens = attempt is null ? null : Views.Tokens([attempt]),
        CostUsd = attempt?.Details?.CostUsd,
        CostEstimated = attempt?.Details?.CostEstimated == true ? true : null,
    };
}
