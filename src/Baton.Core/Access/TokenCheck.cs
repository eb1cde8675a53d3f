namespace Baton.Core.Access;

/// <summary>What became of a presented token.</summary>
public enum TokenCheckOutcome
{
    /// <summary>A known, unrevoked token.</summary>
    Valid,

    /// <summary>Not shaped like a Baton token at all.</summary>
    Malformed,

    /// <summary>Shaped like one, but no token has this hash.</summary>
    Unknown,

    /// <summary>A token that was revoked.</summary>
    Revoked,
}

/// <summary>The result of checking a presented token; <see cref="Token"/> is set when one was found.</summary>
public sealed record TokenCheck(TokenCheckOutcome Outcome, ApiTokenRecord? Token = null)
{
    /// <summary>True for a known, unrevoked token.</summary>
    public bool IsValid => Outcome == TokenCheckOutcome.Valid;
}
