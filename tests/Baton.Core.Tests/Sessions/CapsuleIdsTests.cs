using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class CapsuleIdsTests
{
    [Fact]
    public void New_LaterTime_SortsAfter()
    {
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var earlier = CapsuleIds.New(at);
        var later = CapsuleIds.New(at.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} should sort before {later}");
    }

    [Fact]
    public void New_SameTime_WellFormedAndDistinct()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000);

        var ids = Enumerable.Range(0, 100).Select(_ => CapsuleIds.New(at)).ToList();

        Assert.All(ids, id => Assert.True(CapsuleIds.IsWellFormed(id), id));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Single(ids.Select(id => id[..14]).Distinct());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cap_")]
    [InlineData("in_0123456789abcdefghjkmnpqrstv")]
    [InlineData("cap_0123456789abcdefghjkmnpqrI")]
    public void IsWellFormed_OtherText_False(string? text) => Assert.False(CapsuleIds.IsWellFormed(text));
}
