using System.Text.Json.Serialization;

namespace Baton.Core.Initiatives.Views;

/// <summary>Streams in the camelCase that Task Copilot's orchestration scripts read.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StreamStatusView))]
[JsonSerializable(typeof(StreamStatusListView))]
public sealed partial class StreamStatusJsonContext : JsonSerializerContext;
