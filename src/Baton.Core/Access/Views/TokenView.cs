namespace Baton.Core.Access.Views;

/// <summary>A token as <c>baton token list --json</c> shows it: never its secret or hash.</summary>
public sealed record TokenView
{
    public required string TokenId { get; init; }
    public required string Name { get; init; }
    public required string Scope { get; init; }
    /// <summary><c>active</c> or <c>revoked</c>.</summary>
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Recorded to the minute.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The view of a stored token.</summary>
    public static TokenView Of(ApiTokenRecord token) => new()
    {
        TokenId = token.Id,
        Name = token.Name,
        Scope = token.Scope.ToWire(),
        Status = token.IsRevoked ? "revoked" : "active",
        CreatedAt = token.CreatedAt,
        LastUsedAt = token.LastUsedAt,
        RevokedAt = token.RevokedAt,
    };
}
