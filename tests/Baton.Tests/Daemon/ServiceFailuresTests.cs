using Baton.Core.Errors;
using Baton.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Tests.Daemon;

public sealed class ServiceFailuresTests
{
    [Fact]
    public async Task AServiceThatThrows_StopsTheHost_AndTheNodeFailsWithItsReason()
    {
        using var host = BuildHost<Failing>();
        await host.StartAsync();
        await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var error = Assert.Throws<BatonException>(() => ServiceFailures.ThrowIfAny(host.Services));

        Assert.Equal(ErrorKind.StorageFull, error.Kind);
        Assert.Equal("the node stopped because one of its services failed: the disk holding 'x' is full", error.Message);
    }

    [Fact]
    public async Task ServicesThatEndedWell_AreNoFailure()
    {
        using var host = BuildHost<Finishing>();
        await host.StartAsync();
        await host.StopAsync();

        ServiceFailures.ThrowIfAny(host.Services);
    }

    private static IHost BuildHost<TService>()
        where TService : BackgroundService
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddHostedService<TService>();
        return builder.Build();
    }

    private sealed class Failing : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new BatonException(ErrorKind.StorageFull, "the disk holding 'x' is full.");
        }
    }

    private sealed class Finishing : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
