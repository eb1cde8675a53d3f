using Baton.Core.Errors;
using Baton.Core.Workers;

namespace Baton.Core.Tests.Workers;

public sealed class WorkerLabelsTests
{
    [Fact]
    public void Offered_ValuedLabel_AlsoOffersItsKey()
    {
        Assert.Equal(["gpu", "gpu=a100", "repo", "repo=/srv/app", "ssd"], WorkerLabels.Offered(["ssd", "repo=/srv/app", "gpu=a100", "ssd"]));
    }

    [Theory]
    [InlineData(new[] { "gpu" }, new[] { "gpu=a100" }, new string[0])]
    [InlineData(new[] { "gpu=a100" }, new[] { "gpu=a100" }, new string[0])]
    [InlineData(new[] { "gpu=h100", "ssd" }, new[] { "gpu=a100", "ssd" }, new[] { "gpu=h100" })]
    [InlineData(new[] { "gpu=a100" }, new[] { "gpu" }, new[] { "gpu=a100" })]
    public void Missing_RequiredAgainstAWorkersLabels_TheOnesItLacks(string[] required, string[] labels, string[] missing)
    {
        Assert.Equal(missing, WorkerLabels.Missing(required, labels));
    }

    [Theory]
    [InlineData("", "an empty label")]
    [InlineData("two words", "label 'two words' is not valid")]
    [InlineData("a,b", "label 'a,b' is not valid")]
    [InlineData("key=", "label 'key=' is not valid")]
    [InlineData("-dash", "label '-dash' is not valid")]
    public void Validate_BadLabel_InvalidInputNamingIt(string label, string expected)
    {
        var error = Assert.Throws<BatonException>(() => WorkerLabels.Validate([label], "requires_labels"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLongOrTooMany_SaysTheLimit()
    {
        var tooLong = Assert.Throws<BatonException>(() => WorkerLabels.Validate([new string('a', WorkerLabels.MaxLength + 1)], "requires_labels"));
        var tooMany = Assert.Throws<BatonException>(() => WorkerLabels.Validate([.. Enumerable.Range(0, WorkerLabels.MaxCount + 1).Select(i => $"l{i}")], "requires_labels"));

        Assert.Contains($"the limit is {WorkerLabels.MaxLength}", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains($"the limit is {WorkerLabels.MaxCount}", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeysAndValuesPeopleWrite_Accepted()
    {
        WorkerLabels.Validate(["gpu", "repo=/srv/app", "zone=eu-west-1", "os.release=12", "team/ml=yes", "url=http://x:80/a?b=c"], "worker");
    }
}
