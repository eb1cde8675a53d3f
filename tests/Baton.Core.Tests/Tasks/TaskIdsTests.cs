using Baton.Core.Tasks;

namespace Baton.Core.Tests.Tasks;

public sealed class TaskIdsTests
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    [Fact]
    public void New_Always_TwelveCharactersOfLowercaseCrockfordBase32()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = TaskIds.New();
            Assert.Equal(12, id.Length);
            Assert.All(id, c => Assert.Contains(c, Alphabet));
        }
    }

    [Fact]
    public void New_TenThousandIds_AllDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => TaskIds.New()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void New_ManyIds_UseEveryCharacterOfTheAlphabet()
    {
        var seen = Enumerable.Range(0, 1000).SelectMany(_ => TaskIds.New()).ToHashSet();
        Assert.Equal(Alphabet.Length, seen.Count);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("0123456789ab")]
    [InlineData("xyz0")]
    public void LooksLikeIdOrPrefix_IdOrLongEnoughPrefix_ReturnsTrue(string text) =>
        Assert.True(TaskIds.LooksLikeIdOrPrefix(text));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789abc")]
    [InlineData("ABCD")]
    [InlineData("abci")]
    [InlineData("abcl")]
    [InlineData("abco")]
    [InlineData("abcu")]
    [InlineData("ab-d")]
    [InlineData("ab d")]
    public void LooksLikeIdOrPrefix_WrongLengthOrCharacters_ReturnsFalse(string text) =>
        Assert.False(TaskIds.LooksLikeIdOrPrefix(text));

    [Fact]
    public void LooksLikeIdOrPrefix_NewId_ReturnsTrue() =>
        Assert.True(TaskIds.LooksLikeIdOrPrefix(TaskIds.New()));
}
