using System.Text.Json;

namespace Baton.Core.Sessions;

/// <summary>
/// The one wire form of a capsule: compact JSON with snake_case keys (<c>current_task</c>, <c>completed_steps</c>,
/// <c>next_steps</c>, <c>decisions</c> of <c>decision</c> and <c>reason</c>, <c>files</c>, <c>open_questions</c>,
/// <c>failed_approaches</c>). Stores keep it, MCP and REST send it, and its size is what <see cref="CapsuleRules.MaxBytes"/> limits.
/// </summary>
public static class CapsuleJson
{
    /// <summary>The capsule as compact JSON.</summary>
    public static string Write(ContextCapsule capsule) => JsonSerializer.Serialize(capsule, CapsuleJsonContext.Default.ContextCapsule);

    /// <summary>The capsule as compact UTF-8 JSON.</summary>
    public static byte[] WriteUtf8(ContextCapsule capsule) => JsonSerializer.SerializeToUtf8Bytes(capsule, CapsuleJsonContext.Default.ContextCapsule);

    /// <summary>Its size on the wire, in bytes of UTF-8: what <see cref="CapsuleRules.MaxBytes"/> is checked against.</summary>
    public static int ByteCount(ContextCapsule capsule) => WriteUtf8(capsule).Length;

    /// <summary>Reads a capsule; throws <see cref="JsonException"/> for text that is not one.</summary>
    public static ContextCapsule Read(string json) =>
        JsonSerializer.Deserialize(json, CapsuleJsonContext.Default.ContextCapsule) ?? throw new JsonException("a capsule is null");

    /// <summary>The capsule as a JSON element, to embed in a larger response.</summary>
    public static JsonElement ToElement(ContextCapsule capsule) => JsonSerializer.SerializeToElement(capsule, CapsuleJsonContext.Default.ContextCapsule);
}
