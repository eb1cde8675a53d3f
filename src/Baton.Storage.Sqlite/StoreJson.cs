using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Storage.Sqlite;

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

    // Most rows hold empty lists and maps; skip the parser for them.
    public static List<string> ReadList(string json) => json == "[]" ? [] : JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListString) ?? [];

    public static Dictionary<string, string> ReadMap(string json) =>
        json == "{}" ? [] : JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringString) ?? [];
}
