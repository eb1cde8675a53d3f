using System.Text;
using Baton.Core.Logs;

namespace Baton.Core.Tests.Logs;

public sealed class TailBufferTests
{
    [Fact]
    public void ToText_LessThanCapacity_ReturnsEverything()
    {
        var tail = new TailBuffer(16);
        Write(tail, "hello ");
        Write(tail, "world");

        Assert.Equal("hello world", tail.ToText());
        Assert.False(tail.Truncated);
        Assert.Equal(11, tail.TotalBytes);
    }

    [Fact]
    public void ToText_NothingWritten_ReturnsEmpty() =>
        Assert.Equal(string.Empty, new TailBuffer(8).ToText());

    [Fact]
    public void ToText_ExactlyCapacity_ReturnsEverythingNotTruncated()
    {
        var tail = new TailBuffer(8);
        Write(tail, "abcd");
        Write(tail, "efgh");

        Assert.Equal("abcdefgh", tail.ToText());
        Assert.False(tail.Truncated);
    }

    [Fact]
    public void ToText_WritesWrapAround_KeepsLastBytesInOrder()
    {
        var tail = new TailBuffer(8);
        Write(tail, "abcde");
        Write(tail, "fghij");

        Assert.Equal("cdefghij", tail.ToText());
        Assert.True(tail.Truncated);
        Assert.Equal(10, tail.TotalBytes);
    }

    [Fact]
    public void ToText_ManySmallWritesWrappingSeveralTimes_KeepsLastBytes()
    {
        var tail = new TailBuffer(10);
        var all = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            var chunk = $"{i % 10}{(char)('a' + (i % 26))}{(i % 3 == 0 ? "-" : string.Empty)}";
            all.Append(chunk);
            Write(tail, chunk);
        }

        Assert.Equal(all.ToString()[^10..], tail.ToText());
    }

    [Fact]
    public void ToText_SingleWriteLargerThanCapacity_KeepsItsLastBytes()
    {
        var tail = new TailBuffer(8);
        Write(tail, "xy");
        Write(tail, "0123456789abcdef");

        Assert.Equal("89abcdef", tail.ToText());
        Assert.Equal(18, tail.TotalBytes);
    }

    [Fact]
    public void ToText_LargeWriteThenSmallWrite_KeepsOrder()
    {
        var tail = new TailBuffer(8);
        Write(tail, "0123456789abcdef");
        Write(tail, "XYZ");

        Assert.Equal("bcdefXYZ", tail.ToText());
    }

    [Fact]
    public void ToText_CharacterCutAtFront_SkipsItsLeftoverBytes()
    {
        // "x€€" is 1 + 3 + 3 bytes; the last 5 hold the end of the first euro sign and all of the second.
        var tail = new TailBuffer(5);
        Write(tail, "x€€");

        Assert.Equal("€", tail.ToText());
    }

    [Fact]
    public void ToText_FourByteCharacterCutAtFront_SkipsThreeLeftoverBytes()
    {
        // U+1F600 is four bytes; the last 5 bytes of "😀ab" are its last three bytes, then "ab".
        var tail = new TailBuffer(5);
        Write(tail, "😀ab");

        Assert.Equal("ab", tail.ToText());
    }

    [Fact]
    public void ToText_CutOnCharacterBoundary_KeepsWholeCharacters()
    {
        var tail = new TailBuffer(6);
        Write(tail, "ab€€");

        Assert.Equal("€€", tail.ToText());
    }

    private static void Write(TailBuffer tail, string text) => tail.Write(Encoding.UTF8.GetBytes(text));
}
