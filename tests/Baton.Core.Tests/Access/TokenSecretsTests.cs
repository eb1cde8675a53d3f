using Baton.Core.Access;

namespace Baton.Core.Tests.Access;

public sealed class TokenSecretsTests
{
    [Fact]
    public void Generate_Always_IsPrefixAndFortyBase62Characters()
    {
        var token = TokenSecrets.Generate();

        Assert.StartsWith("baton_", token, StringComparison.Ordinal);
        Assert.Equal(TokenSecrets.Length, token.Length);
        Assert.Equal(TokenSecrets.Length, TokenSecrets.Prefix.Length + TokenSecrets.RandomLength);
        Assert.All(token[TokenSecrets.Prefix.Length..], c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' is not base62"));
        Assert.True(TokenSecrets.IsWellFormed(token));
    }

    [Fact]
    public void Generate_ManyTimes_NeverRepeatsAndUsesWholeAlphabet()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => TokenSecrets.Generate()).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // 40,000 draws from 62 characters: every character shows up unless the source is badly skewed.
        Assert.Equal(62, tokens.SelectMany(t => t[TokenSecrets.Prefix.Length..]).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("baton_")]
    [InlineData("baton_abc")]
    [InlineData("token_0123456789012345678901234567890123456789")]
    [InlineData("BATON_0123456789012345678901234567890123456789")]
    [InlineData("baton_012345678901234567890123456789012345678-")]
    [InlineData("baton_012345678901234567890123456789012345678 ")]
    [InlineData("baton_01234567890123456789012345678901234567890")]
    public void IsWellFormed_NotATokenShape_IsFalse(string? text) => Assert.False(TokenSecrets.IsWellFormed(text));

    [Fact]
    public void IsWellFormed_ExactShape_IsTrue() =>
        Assert.True(TokenSecrets.IsWellFormed("baton_0123456789abcdefghijABCDEFGHIJ0123456789"));

    [Fact]
    public void Hash_KnownInput_IsLowerCaseSha256Hex() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.Hash("abc"));

    [Fact]
    public void Hash_Token_NeverContainsTheToken()
    {
        var token = TokenSecrets.Generate();

        var hash = TokenSecrets.Hash(token);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token[TokenSecrets.Prefix.Length..], hash, StringComparison.Ordinal);
        Assert.Equal(hash, TokenSecrets.Hash(token));
    }

    [Fact]
    public void HashesEqual_SameAndDifferent_ComparesByValue()
    {
        var hash = TokenSecrets.Hash("a");

        Assert.True(TokenSecrets.HashesEqual(hash, new string(hash.AsSpan())));
        Assert.False(TokenSecrets.HashesEqual(hash, TokenSecrets.Hash("b")));
        Assert.False(TokenSecrets.HashesEqual(hash, hash[..^1]));
    }
}
