using Baton.Core.Access;
using Baton.Core.Errors;

namespace Baton.Core.Tests.Access;

public sealed class TokenNamesTests
{
    [Theory]
    [InlineData("ci")]
    [InlineData("alice-laptop")]
    [InlineData("deploy_bot.v2")]
    [InlineData("alice@example.com")]
    [InlineData("7")]
    public void Validate_GoodName_DoesNotThrow(string name) => Assert.Null(Record.Exception(() => TokenNames.Validate(name)));

    [Theory]
    [InlineData(null, "needs a name")]
    [InlineData("", "needs a name")]
    [InlineData("two words", "may hold only")]
    [InlineData("-leading", "must start with a letter or digit")]
    [InlineData("a:b", "may hold only")]
    [InlineData("tok_abc", "must not start with 'tok_'")]
    [InlineData("TOK_abc", "must not start with 'tok_'")]
    public void Validate_BadName_ThrowsInvalidSayingWhy(string? name, string expected)
    {
        var error = Assert.Throws<BatonException>(() => TokenNames.Validate(name));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLong_ThrowsNamingLimit()
    {
        var error = Assert.Throws<BatonException>(() => TokenNames.Validate(new string('a', 65)));

        Assert.Contains("the limit is 64", error.Message, StringComparison.Ordinal);
    }
}
