using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary>
/// Source-generated JSON for the REST API's own types. Request bodies are read with these strict options: snake_case
/// names exactly, numbers as numbers, no duplicate or unknown properties.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TaskBody))]
[JsonSerializable(typeof(WorkflowTaskBody))]
[JsonSerializable(typeof(WorkflowBody))]
[JsonSerializable(typeof(InitiativeBody))]
[JsonSerializable(typeof(PhaseBody))]
[JsonSerializable(typeof(PhaseApproveBody))]
[JsonSerializable(typeof(PhaseRejectBody))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(NotificationTakeBody))]
[JsonSerializable(typeof(MilestoneBody))]
[JsonSerializable(typeof(SchedulePauseBody))]
[JsonSerializable(typeof(RespondBody))]
[JsonSerializable(typeof(InterveneBody))]
[JsonSerializable(typeof(ContinueBody))]
[JsonSerializable(typeof(PauseBody))]
[JsonSerializable(typeof(ResumeBody))]
[JsonSerializable(typeof(PriorityBody))]
[JsonSerializable(typeof(ForkBody))]
[JsonSerializable(typeof(HandoffBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
