using System.Text.Json.Serialization;

namespace Baton.Core.Access.Views;

/// <summary>Source-generated JSON for the token views: snake_case, like every other view.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TokenView))]
[JsonSerializable(typeof(List<TokenView>))]
[JsonSerializable(typeof(CreatedTokenView))]
public sealed partial class AccessJsonContext : JsonSerializerContext;
