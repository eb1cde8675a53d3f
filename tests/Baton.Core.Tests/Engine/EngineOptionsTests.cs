using Baton.Core.Engine;

namespace Baton.Core.Tests.Engine;

public sealed class EngineOptionsTests
{
    [Fact]
    public void Validate_Defaults_DoNotThrow()
    {
        var options = new EngineOptions();

        var error = Record.Exception(options.Validate);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LeaseRenewInterval);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Validate_WorkersOutOfRange_ThrowsSayingHowToSetThem(int workers)
    {
        var options = new EngineOptions { Workers = workers };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"workers must be between 1 and 1024 (got {workers}); set --workers or BATON_WORKERS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RenewNotShorterThanLease_Throws()
    {
        var options = new EngineOptions { LeaseDuration = TimeSpan.FromSeconds(10), LeaseRenewInterval = TimeSpan.FromSeconds(10) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("renew interval must be shorter than the lease duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TinyLogCap_Throws()
    {
        var options = new EngineOptions { LogCapBytes = 1023 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("log cap must be at least 1 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidRetryOptions_ThrowsTheirMessage()
    {
        var options = new EngineOptions();
        options.Retry.BaseDelay = TimeSpan.FromMinutes(20);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("retry cap", error.Message, StringComparison.Ordinal);
    }
}
