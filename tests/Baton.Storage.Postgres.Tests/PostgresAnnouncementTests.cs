using Baton.Core.Storage;
using Baton.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.Postgres.Tests;

/// <summary>
/// Queued work and a person's requests of running tasks are announced to the other nodes on one channel, each heard
/// as what it is, and a node does not hear its own.
/// </summary>
public sealed class PostgresAnnouncementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AnnounceAttention_OnAnotherNode_WakesOnlyTheAttentionSignal()
    {
        var (speaker, listener) = await TwoNodesAsync("attention");
        await using var _ = speaker;
        await using var __ = listener;
        var announcer = listener.GetRequiredService<IQueueAnnouncer>();
        var attention = announcer.AttentionAnnounced.Next();
        var work = announcer.Announced.Next();

        speaker.GetRequiredService<IQueueAnnouncer>().AnnounceAttention();

        await attention.WaitAsync(Deadline);
        Assert.False(work.IsCompleted);
    }

    [Fact]
    public async Task Announce_OnAnotherNode_WakesOnlyTheWorkSignal()
    {
        var (speaker, listener) = await TwoNodesAsync("work");
        await using var _ = speaker;
        await using var __ = listener;
        var announcer = listener.GetRequiredService<IQueueAnnouncer>();
        var attention = announcer.AttentionAnnounced.Next();
        var work = announcer.Announced.Next();

        speaker.GetRequiredService<IQueueAnnouncer>().Announce();

        await work.WaitAsync(Deadline);
        Assert.False(attention.IsCompleted);
    }

    [Fact]
    public async Task AnnounceAttention_OwnAnnouncement_IsNotHeardButAnotherNodesIs()
    {
        var (speaker, listener) = await TwoNodesAsync("own");
        await using var _ = speaker;
        await using var __ = listener;
        var own = speaker.GetRequiredService<IQueueAnnouncer>();
        var ownHeard = own.AttentionAnnounced.Next();
        var otherHeard = listener.GetRequiredService<IQueueAnnouncer>().AttentionAnnounced.Next();

        own.AnnounceAttention();

        // The other node hearing it shows the notification went out; by then the speaker would have heard it too.
        await otherHeard.WaitAsync(Deadline);
        Assert.False(ownHeard.IsCompleted);
    }

    [Fact]
    public async Task FlushAsync_ThenClosingAtOnce_TheAnnouncementStillGoesOut()
    {
        var (speaker, listener) = await TwoNodesAsync("flush");
        await using var _ = listener;
        var heard = listener.GetRequiredService<IQueueAnnouncer>().AttentionAnnounced.Next();
        var announcer = speaker.GetRequiredService<IQueueAnnouncer>();

        // As a command on a machine without a node does before it exits: closing the store stops what is in flight.
        announcer.AnnounceAttention();
        await announcer.FlushAsync().WaitAsync(Deadline);
        await speaker.DisposeAsync();

        await heard.WaitAsync(Deadline);
    }

    [Fact]
    public async Task FlushAsync_WithNothingAnnounced_ReturnsAtOnce()
    {
        var (speaker, listener) = await TwoNodesAsync("idle");
        await using var _ = speaker;
        await using var __ = listener;

        var flushed = speaker.GetRequiredService<IQueueAnnouncer>().FlushAsync();

        Assert.True(flushed.IsCompletedSuccessfully);
        await flushed;
    }

    private static async Task<(ServiceProvider Speaker, ServiceProvider Listener)> TwoNodesAsync(string name)
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync(name));
        var speaker = await PostgresChangeSignalTests.OpenAsync(location);
        var listener = await PostgresChangeSignalTests.OpenAsync(location);
        foreach (var node in new[] { speaker, listener })
        {
            // Listening starts at the first look at a signal; wait until both nodes listen, then look past that wake-up.
            _ = node.GetRequiredService<IQueueAnnouncer>().AttentionAnnounced;
            await node.GetRequiredService<PostgresDatabase>().Listener.Listening.WaitAsync(Deadline);
        }

        return (speaker, listener);
    }
}
