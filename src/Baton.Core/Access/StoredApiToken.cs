namespace Baton.Core.Access;

/// <summary>A token found by its hash, with the stored hash for a constant-time comparison.</summary>
public sealed record StoredApiToken(ApiTokenRecord Token, string Hash);
