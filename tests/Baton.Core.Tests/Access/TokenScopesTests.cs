using Baton.Core.Access;
using Baton.Core.Errors;

namespace Baton.Core.Tests.Access;

public sealed class TokenScopesTests
{
    [Theory]
    [InlineData("read", TokenScope.Read)]
    [InlineData("write", TokenScope.Write)]
    [InlineData("admin", TokenScope.Admin)]
    [InlineData(" Write ", TokenScope.Write)]
    [InlineData("ADMIN", TokenScope.Admin)]
    public void Parse_KnownName_ReturnsScope(string text, TokenScope expected) => Assert.Equal(expected, TokenScopes.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("owner")]
    [InlineData("read,write")]
    public void Parse_UnknownName_ThrowsInvalidListingAllowedValues(string? text)
    {
        var error = Assert.Throws<BatonException>(() => TokenScopes.Parse(text));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"unknown scope '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("read", error.Message, StringComparison.Ordinal);
        Assert.Contains("write", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWire_EveryScope_RoundTrips()
    {
        foreach (var scope in Enum.GetValues<TokenScope>())
        {
            Assert.Equal(scope, TokenScopes.Parse(scope.ToWire()));
        }

        Assert.Equal(["read", "write", "admin"], TokenScopes.AllNames);
    }

    [Theory]
    [InlineData(TokenScope.Read, TokenScope.Read, true)]
    [InlineData(TokenScope.Read, TokenScope.Write, false)]
    [InlineData(TokenScope.Read, TokenScope.Admin, false)]
    [InlineData(TokenScope.Write, TokenScope.Read, true)]
    [InlineData(TokenScope.Write, TokenScope.Write, true)]
    [InlineData(TokenScope.Write, TokenScope.Admin, false)]
    [InlineData(TokenScope.Admin, TokenScope.Read, true)]
    [InlineData(TokenScope.Admin, TokenScope.Write, true)]
    [InlineData(TokenScope.Admin, TokenScope.Admin, true)]
    public void Allows_EachPair_IncludesWeakerScopes(TokenScope scope, TokenScope needed, bool allowed) =>
        Assert.Equal(allowed, scope.Allows(needed));
}
