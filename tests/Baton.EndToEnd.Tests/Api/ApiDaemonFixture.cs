namespace Baton.EndToEnd.Tests.Api;

/// <summary>One daemon shared by the tests of a class that never change what it stores (bad input only).</summary>
public sealed class ApiDaemonFixture : IAsyncLifetime
{
    internal ApiDaemon Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ApiDaemon.StartAsync(workers: 1);

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
