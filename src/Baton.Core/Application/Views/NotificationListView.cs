namespace Baton.Core.Application.Views;

/// <summary>Notifications as a read returns them: newest first, with how many there are.</summary>
/// <param name="Notifications">Newest first.</param>
/// <param name="Count">How many are listed.</param>
public sealed record NotificationListView(IReadOnlyList<NotificationView> Notifications, int Count);
