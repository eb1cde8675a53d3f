using Baton.Core.Text;

namespace Baton.Core.Tests.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("revewer", "code-reviewer", 6)]
    public void Between_Pairs_ReturnsLevenshteinDistance(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b));

    [Theory]
    [InlineData("reviewer", "code-reviewer", 0)]
    [InlineData("revewer", "code-reviewer", 1)]
    [InlineData("code", "code-reviewer", 0)]
    [InlineData("xyz", "abc", 3)]
    public void ToSubstring_Pairs_ReturnsDistanceToBestPart(string pattern, string text, int expected) =>
        Assert.Equal(expected, EditDistance.ToSubstring(pattern, text));
}
