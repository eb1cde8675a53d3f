using System.Collections.Frozen;

namespace Baton.Core.Interactions;

/// <summary>Wire names of <see cref="InteractionStatus"/> values.</summary>
public static class InteractionStatuses
{
    private static readonly FrozenDictionary<InteractionStatus, string> Names = new Dictionary<InteractionStatus, string>
    {
        [InteractionStatus.Open] = "open",
        [InteractionStatus.Answered] = "answered",
        [InteractionStatus.Withdrawn] = "withdrawn",
        [InteractionStatus.Expired] = "expired",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, InteractionStatus> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<InteractionStatus>().Select(s => Names[s]).ToArray();

    /// <summary>The wire name, for example <c>open</c>.</summary>
    public static string ToWire(this InteractionStatus status) => Names[status];

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out InteractionStatus status) =>
        ByName.TryGetValue(name?.Trim().ToLowerInvariant() ?? string.Empty, out status);
}
