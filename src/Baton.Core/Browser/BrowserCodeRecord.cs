namespace Baton.Core.Browser;

/// <summary>A one-time sign-in code as stored (its hash aside): who it signs in, until when, and when it was used.</summary>
public sealed record BrowserCodeRecord(string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt = null);
