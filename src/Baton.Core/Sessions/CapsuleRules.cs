using System.Text.Json;

namespace Baton.Core.Sessions;

/// <summary>The limits every capsule is held to, whoever saves it.</summary>
public static class CapsuleRules
{
    /// <summary>The largest capsule, as compact UTF-8 JSON with the wire's field names.</summary>
    public const int MaxBytes = 4096;

    /// <summary>
    /// Reads a capsule from its wire form (an object with <c>current_task</c> and the lists), checks its size and that
    /// it holds no secret, and returns it; anything wrong is a <see cref="Errors.BatonException"/> of kind
    /// <c>InvalidInput</c> whose message tells the agent what to change.
    /// </summary>
    /// <param name="json">The capsule's fields, as the agent sent them.</param>
    /// <param name="secrets">Values that must never be saved: the secret-looking values of the agent's environment.</param>
    public static ContextCapsule Check(JsonElement json, IReadOnlyCollection<NamedSecret> secrets)
    {
        var capsule = CapsuleParser.Parse(json);
        CapsuleSize.Check(capsule);
        CapsuleSecrets.Check(capsule, secrets);
        return capsule;
    }
}
