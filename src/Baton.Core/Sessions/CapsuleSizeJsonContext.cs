using System.Text.Json.Serialization;

namespace Baton.Core.Sessions;

/// <summary>Measures single strings as they are written in a capsule's JSON (escapes included).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CapsuleSizeJsonContext : JsonSerializerContext;
