using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Baton.Core.Sessions;

/// <summary>
/// The one wire form of a capsule: compact JSON with snake_case keys (<c>current_task</c>, <c>completed_steps</c>,
/// <c>next_steps</c>, <c>decisions</c> of <c>decision</c> and <c>reason</c>, <c>files</c>, <c>open_questions</c>,
/// <c>failed_approaches</c>). Stores keep it, MCP and REST send it, and its size is what <see cref="CapsuleRules.MaxBytes"/> limits.
/// </summary>
public static class CapsuleJson
{
    // Text as it is, not \uXXXX escapes: an agent writing in French or Japanese gets the same 4 KB as one writing in
    // English. The JSON is stored and sent as JSON, never spliced into HTML, so the relaxed escaping is safe here.
    private static readonly JsonTypeInfo<ContextCapsule> Info = new CapsuleJsonContext(
        new JsonSerializerOptions(CapsuleJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ContextCapsule;

    /// <summary>The capsule as compact JSON.</summary>
    public static string Write(ContextCapsule capsule) => JsonSerializer.Serialize(capsule, Info);

    /// <summary>The capsule as compact UTF-8 JSON.</summary>
    public static byte[] WriteUtf8(ContextCapsule capsule) => JsonSerializer.SerializeToUtf8Bytes(capsule, Info);

    /// <summary>Its size on the wire, in bytes of UTF-8: what <see cref="CapsuleRules.MaxBytes"/> is checked against.</summary>
    public static int ByteCount(ContextCapsule capsule) => WriteUtf8(capsule).Length;

    /// <summary>Reads a capsule; throws <see cref="JsonException"/> for text that is not one.</summary>
    public static ContextCapsule Read(string json) =>
        JsonSerializer.Deserialize(json, Info) ?? throw new JsonException("a capsule is null");

    /// <summary>The capsule as a JSON element, to embed in a larger response.</summary>
    public static JsonElement ToElement(ContextCapsule capsule) => JsonSerializer.SerializeToElement(capsule, Info);
}
