using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Storage.Sqlite;

/// <summary>JSON for the list and map columns (arguments, tags, environment, metadata).</summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

internal static class StoreJson
{
    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values.ToList(), StoreJsonContext.Default.ListString);

    public static string Map(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(values.ToDictionary(), StoreJsonContext.Default.DictionaryStringString);

    public static List<string> ReadList(string json) => JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListString) ?? [];

    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.DictionaryStringString) ?? [];
}
