namespace Baton.Core.Application.Views;

/// <summary>One question of a <c>question</c> interaction.</summary>
/// <param name="Number">Its place, from 1.</param>
/// <param name="Text">The question, as the agent wrote it; answers are keyed by it.</param>
/// <param name="Header">A short label the agent gave it.</param>
/// <param name="Options">The offered choices, numbered from 1 as <c>--option N</c> picks them; none: free text.</param>
/// <param name="MultiSelect">Whether several options may be chosen.</param>
public sealed record InteractionQuestionView(int Number, string Text, string? Header, IReadOnlyList<InteractionOptionView> Options, bool MultiSelect);
