namespace Baton.Core.Webhooks;

/// <summary>One receiver URL and its signing secrets. Only the dispatcher and create/rotate results ever see secrets.</summary>
public sealed record WebhookEndpoint(
    string Id,
    string Url,
    string Secret,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    string? DisabledReason)
{
    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and the previous one until it expires.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}
