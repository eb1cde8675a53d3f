namespace Baton.Core.Sessions;

/// <summary>The limits every capsule is held to, whoever saves it.</summary>
public static class CapsuleRules
{
    /// <summary>The largest capsule, as compact UTF-8 JSON with the wire's field names.</summary>
    public const int MaxBytes = 4096;
}
