using System.Text.Json.Serialization;

namespace Baton.Core.Application.Views;

/// <summary>Source-generated JSON for the views: snake_case, stable, indented for people who read it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(List<TaskView>))]
[JsonSerializable(typeof(AttemptView))]
[JsonSerializable(typeof(EnqueuedView))]
[JsonSerializable(typeof(HandoffView))]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(WorkflowView))]
[JsonSerializable(typeof(List<WorkflowListItemView>))]
[JsonSerializable(typeof(WorkflowCreatedView))]
[JsonSerializable(typeof(PhaseView))]
[JsonSerializable(typeof(TaskPageView))]
[JsonSerializable(typeof(TaskStatusView))]
[JsonSerializable(typeof(TaskResultView))]
[JsonSerializable(typeof(WorkflowTasksView))]
[JsonSerializable(typeof(WorkflowPageView))]
[JsonSerializable(typeof(EventView))]
[JsonSerializable(typeof(List<EventView>))]
[JsonSerializable(typeof(NotificationListView))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(List<WebhookView>))]
[JsonSerializable(typeof(WebhookCreatedView))]
[JsonSerializable(typeof(WebhookDeliveryView))]
[JsonSerializable(typeof(List<WebhookDeliveryView>))]
[JsonSerializable(typeof(WebhookListView))]
[JsonSerializable(typeof(TranscriptView))]
[JsonSerializable(typeof(AgentStatsListView))]
[JsonSerializable(typeof(StatsView))]
[JsonSerializable(typeof(TaskChangesView))]
[JsonSerializable(typeof(WebhookDeliveryListView))]
[JsonSerializable(typeof(WorkerListView))]
[JsonSerializable(typeof(WorkerView))]
[JsonSerializable(typeof(InteractionView))]
[JsonSerializable(typeof(InteractionListView))]
[JsonSerializable(typeof(string))]
public sealed partial class ViewJsonContext : JsonSerializerContext;
