using Baton.Core.Notifications;

namespace Baton.Core.Tests.Notifications;

public sealed class NotificationAudienceTests
{
    [Theory]
    [InlineData("cli:alice")]
    [InlineData("mcp:alice")]
    [InlineData("session:alice")]
    public void For_LocalUser_SeesThatUserOnEveryInterfaceLoopbackAndUnowned(string caller)
    {
        var audience = NotificationAudience.For(caller, "daemon-user");

        Assert.Equal(["cli:alice", "mcp:alice", "session:alice", "loopback"], audience.Owners);
        Assert.True(audience.IncludeUnowned);
    }

    [Fact]
    public void For_OpenLoopbackRequest_ActsForTheDaemonsUser()
    {
        var audience = NotificationAudience.For("loopback", "alice");

        Assert.Equal(["cli:alice", "mcp:alice", "session:alice", "loopback"], audience.Owners);
        Assert.True(audience.IncludeUnowned);
    }

    [Fact]
    public void For_TokenCaller_SeesOnlyItsOwn()
    {
        var audience = NotificationAudience.For("token:ci", "alice");

        Assert.Equal(["token:ci"], audience.Owners);
        Assert.False(audience.IncludeUnowned);
        Assert.False(audience.Includes("loopback"));
        Assert.False(audience.Includes("cli:alice"));
        Assert.False(audience.Includes(null));
    }

    [Theory]
    [InlineData("cli:bob", false)]
    [InlineData("mcp:alice", true)]
    [InlineData("token:alice", false)]
    [InlineData(null, true)]
    public void Includes_OwnersOfOtherUsersAndTokens_AreNotALocalUsers(string? owner, bool expected) =>
        Assert.Equal(expected, NotificationAudience.For("cli:alice", "alice").Includes(owner));
}
