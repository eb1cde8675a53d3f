namespace Baton.Core.Application.Views;

/// <summary>Interactions, oldest first (the inbox order), with their count.</summary>
public sealed record InteractionListView(IReadOnlyList<InteractionView> Interactions, int Count);
