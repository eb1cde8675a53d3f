using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Core.Runners.Agents;

namespace Baton.Storage.Postgres;

/// <summary>JSON for the list and map columns (arguments, tags, environment, metadata).</summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

internal static class StoreJson
{
    public static string List(IReadOnlyList<string> values) =>
        values.Count == 0 ? "[]" : JsonSerializer.Serialize(values.ToList(), StoreJsonContext.Default.ListString);

    public static string Map(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? "{}" : JsonSerializer.Serialize(values.ToDictionary(), StoreJsonContext.Default.DictionaryStringString);

    public static string? Agent(AgentSpec? agent) => agent is null ? null : JsonSerializer.Serialize(agent, AgentJsonContext.Default.AgentSpec);

    public static AgentSpec? ReadAgent(string? json) => json is null ? null : JsonSerializer.Deserialize(json, AgentJsonContext.Default.AgentSpec);

    public static string? Details(AgentRunDetails? details) =>
        details is null ? null : JsonSerializer.Serialize(details, AgentJsonContext.Default.AgentRunDetails);

    public static string? Denials(IReadOnlyList<PermissionDenial> denials) =>
        denials.Count == 0 ? null : JsonSerializer.Serialize(denials.ToList(), AgentJsonContext.Default.ListPermissionDenial);

    public static IReadOnlyList<PermissionDenial> ReadDenials(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, AgentJsonContext.Default.ListPermissionDenial) ?? [];

    public static AgentRunDetails? ReadDetails(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, AgentJsonContext.Default.AgentRunDetails);

    // Most rows hold empty lists and maps; skip the parser for them.
    public static List<string> ReadList(string json) => json == "[]" ? [] : JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListString) ?? [];

    public static Dictionary<string, string> ReadMap(string json) =>
        json == "{}" ? [] : JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringString) ?? [];
}
