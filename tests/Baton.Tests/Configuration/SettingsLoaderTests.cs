using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Core.Tests.Testing;

namespace Baton.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    [Fact]
    public void Load_RelativeDbInBatonJson_TakenFromTheDataDirectory()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("baton.json"), """{"db": "store/team.db"}""");

        var settings = SettingsLoader.Load(environment: Environment(home.Path));

        Assert.Equal(home.File(Path.Combine("store", "team.db")), settings.DatabasePath);
    }

    [Fact]
    public void Load_AccessSettings_ReadAndDefaultClosed()
    {
        using var home = new TempDirectory();
        var closed = SettingsLoader.Load(environment: Environment(home.Path));
        File.WriteAllText(home.File("baton.json"), """{"allow_other_users": true, "allowed_hosts": ["baton.tunnel:8443", "[::1]:9000", "proxy.lan"]}""");

        var open = SettingsLoader.Load(environment: Environment(home.Path));

        Assert.False(closed.AllowOtherUsers);
        Assert.Empty(closed.AllowedHosts);
        Assert.True(open.AllowOtherUsers);
        Assert.Equal(["baton.tunnel:8443", "[::1]:9000", "proxy.lan"], open.AllowedHosts);
    }

    [Theory]
    [InlineData("http://baton.example")]
    [InlineData("baton.example:99999")]
    [InlineData("baton.example/path")]
    [InlineData("")]
    public void Load_AllowedHostNotANameWithPort_RefusedSayingHowToWriteOne(string entry)
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("baton.json"), $$"""{"allowed_hosts": ["{{entry}}"]}""");

        var error = Assert.Throws<BatonException>(() => SettingsLoader.Load(environment: Environment(home.Path)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("write entries like \"baton.example.org\" or \"localhost:8000\"", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(string home) => name => name == "BATON_HOME" ? home : null;
}
