namespace Baton.Core.Access.Views;

/// <summary>What <c>baton token create --json</c> prints: the one time the secret is shown.</summary>
public sealed record CreatedTokenView
{
    public required string TokenId { get; init; }
    public required string Name { get; init; }
    public required string Scope { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The secret to send as <c>Authorization: Bearer TOKEN</c>; it cannot be read again.</summary>
    public required string Token { get; init; }

    /// <summary>The view of a token just created.</summary>
    public static CreatedTokenView Of(CreatedToken created) => new()
    {
        TokenId = created.Token.Id,
        Name = created.Token.Name,
        Scope = created.Token.Scope.ToWire(),
        CreatedAt = created.Token.CreatedAt,
        Token = created.Secret,
    };
}
