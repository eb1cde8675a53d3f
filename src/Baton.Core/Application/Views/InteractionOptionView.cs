namespace Baton.Core.Application.Views;

/// <summary>One offered choice of a question.</summary>
/// <param name="Number">Its place, from 1, as <c>--option N</c> picks it.</param>
/// <param name="Label">What is sent back when it is chosen.</param>
/// <param name="Description">What it means, if the agent said.</param>
public sealed record InteractionOptionView(int Number, string Label, string? Description);
