using Baton.Core.Retry;

namespace Baton.Core.Tests.Retry;

public sealed class RetryOptionsTests
{
    [Fact]
    public void Validate_Defaults_DoesNotThrow()
    {
        var options = new RetryOptions();

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(2), options.BaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MaxDelay);
    }

    [Fact]
    public void Validate_NegativeBaseDelay_ThrowsSayingItMustNotBeNegative()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("retry base delay must not be negative (got -1 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CapBelowBaseDelay_ThrowsNamingBothValues()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(5) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("retry cap (5 s) must be at least the base delay (30 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CapEqualToBaseDelay_DoesNotThrow()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(5) };

        var error = Record.Exception(options.Validate);

        Assert.Null(error);
    }
}
