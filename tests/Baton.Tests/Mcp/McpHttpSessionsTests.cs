using Baton.Configuration;
using Baton.Core.Engine;
using Baton.Core.Tests.Testing;
using Baton.Mcp.Http;
using Baton.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Mcp;

/// <summary>The daemon's MCP sessions stay bounded in number and idle time, under a clock the test moves.</summary>
public sealed class McpHttpSessionsTests : IAsyncLifetime
{
    private static readonly McpCaller Owner = new("loopback", CanWrite: true);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private BatonMcpServer server = null!;
    private McpHttpSessions sessions = null!;

    public Task InitializeAsync()
    {
        var backend = new McpBackend
        {
            Settings = new BatonSettings { Home = "/nonexistent", DatabasePath = "/nonexistent/baton.db", Engine = new EngineOptions() },
            // Sessions are only started and closed here: nothing reaches the application layer.
            Services = new TaskCompletionSource<McpServices>().Task,
            DefaultCaller = Owner,
            EnsureDaemonAsync = _ => Task.CompletedTask,
            Time = time,
        };
        server = new BatonMcpServer(backend, NullLoggerFactory.Instance);
        sessions = new McpHttpSessions(server, NullLoggerFactory.Instance, time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await sessions.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_PastTheCap_ReplacesTheLongestIdleSession()
    {
        var started = new List<McpHttpSession>();
        for (var i = 0; i < McpHttpSessions.MaxSessions; i++)
        {
            started.Add((await sessions.StartAsync(Owner))!);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // The oldest one is used now: the second oldest is the idlest.
        started[0].Use().Dispose();
        var added = await sessions.StartAsync(Owner);

        Assert.NotNull(added);
        Assert.Equal(McpHttpSessions.MaxSessions, sessions.Count);
        Assert.Null(sessions.Find(started[1].Id));
        Assert.NotNull(sessions.Find(started[0].Id));
        Assert.NotNull(sessions.Find(started[2].Id));
    }

    [Fact]
    public async Task StartAsync_AllSessionsBusy_Refused()
    {
        var busy = new List<McpHttpSession.Activity>();
        for (var i = 0; i < McpHttpSessions.MaxSessions; i++)
        {
            busy.Add((await sessions.StartAsync(Owner))!.Use());
        }

        var refused = await sessions.StartAsync(Owner);
        busy.ForEach(activity => activity.Dispose());
        var accepted = await sessions.StartAsync(Owner);

        Assert.Null(refused);
        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task Sweep_SessionThatOnlyShookHands_ClosedAfterAMinuteUsedOneKeptForTwoHours()
    {
        var handshakeOnly = (await sessions.StartAsync(Owner))!;
        var used = (await sessions.StartAsync(Owner))!;
        for (var i = 0; i < 3; i++)
        {
            handshakeOnly.Use().Dispose();
            used.Use().Dispose();
        }

        handshakeOnly = (await sessions.StartAsync(Owner))!;
        handshakeOnly.Use().Dispose();
        handshakeOnly.Use().Dispose();

        time.Advance(McpHttpSessions.UnusedLimit + TimeSpan.FromSeconds(20));
        await Poll.UntilAsync(() => sessions.Find(handshakeOnly.Id) is null, TimeSpan.FromSeconds(10), "the unused session to close");
        Assert.NotNull(sessions.Find(used.Id));

        time.Advance(McpHttpSessions.IdleLimit);
        await Poll.UntilAsync(() => sessions.Count == 0, TimeSpan.FromSeconds(10), "every idle session to close");
    }
}
