namespace Baton.Core.Interactions;

/// <summary>One question an agent asks, with the options it offers (none: free text).</summary>
/// <param name="Text">The question, as the agent wrote it; answers are keyed by it.</param>
/// <param name="Header">A short label the agent gave it, if any.</param>
/// <param name="Options">The offered choices, in order; <c>--option N</c> picks the Nth (from 1).</param>
/// <param name="MultiSelect">Whether several options may be chosen.</param>
public sealed record InteractionQuestion(string Text, string? Header, IReadOnlyList<InteractionOption> Options, bool MultiSelect = false);

/// <summary>One offered choice of a question.</summary>
/// <param name="Label">What is sent back when it is chosen.</param>
/// <param name="Description">What it means, if the agent said.</param>
public sealed record InteractionOption(string Label, string? Description = null);
