namespace Baton.Core.Access;

/// <summary>A new token and its secret, which exists only here: it is shown once and never stored.</summary>
public sealed record CreatedToken(ApiTokenRecord Token, string Secret);
