using System.Text.Json.Serialization;
using Baton.Shares;

namespace Baton.Dashboard;

/// <summary>
/// Source-generated JSON for the dashboard's routes (sessions, sign-in, share links), read as strictly as every
/// other REST body: snake_case names exactly, no unknown or duplicate properties.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(SignInBody))]
[JsonSerializable(typeof(ShareBody))]
[JsonSerializable(typeof(ShareView))]
[JsonSerializable(typeof(List<ShareView>))]
[JsonSerializable(typeof(CreatedShareView))]
[JsonSerializable(typeof(SharePageView))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
