namespace Baton.Core.Application.Views;

/// <summary>Recent workflows, newest first.</summary>
/// <param name="Workflows">The workflows.</param>
public sealed record WorkflowPageView(IReadOnlyList<WorkflowListItemView> Workflows);
