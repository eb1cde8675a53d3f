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

    [Fact]
    public void Load_AgentMcp_OnByDefaultAndOffWhenBatonJsonSaysSo()
    {
        using var home = new TempDirectory();
        var byDefault = SettingsLoader.Load(environment: Environment(home.Path));
        File.WriteAllText(home.File("baton.json"), """{"agent_mcp": false}""");

        var off = SettingsLoader.Load(environment: Environment(home.Path));

        Assert.True(byDefault.AgentMcp);
        Assert.False(off.AgentMcp);
        Assert.Null(Baton.Daemon.AgentMcpServers.For(off));
    }

    [Fact]
    public void Load_AgentMcpNotTrueOrFalse_RefusedNamingTheKey()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("baton.json"), """{"agent_mcp": "no"}""");

        var error = Assert.Throws<BatonException>(() => SettingsLoader.Load(environment: Environment(home.Path)));

        Assert.Contains("agent_mcp", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public void Load_NodeNameAndLabels_FlagsBeforeEnvironmentBeforeBatonJson()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("baton.json"), """{"worker": {"name": "from-file", "labels": ["ssd"]}}""");
        var env = new Dictionary<string, string> { ["BATON_HOME"] = home.Path, ["BATON_WORKER_NAME"] = "from-env", ["BATON_WORKER_LABELS"] = "gpu, repo=/srv/app" };

        var file = SettingsLoader.Load(environment: Environment(home.Path));
        var environment = SettingsLoader.Load(environment: env.GetValueOrDefault);
        var flags = SettingsLoader.Load(environment: env.GetValueOrDefault, node: new NodeFlags("from-flag", ["cuda"]));

        Assert.Equal(["from-file", "ssd"], [file.Engine.NodeName, .. file.Engine.Labels]);
        Assert.Equal(["from-env", "gpu", "repo=/srv/app"], [environment.Engine.NodeName, .. environment.Engine.Labels]);
        Assert.Equal(["from-flag", "cuda"], [flags.Engine.NodeName, .. flags.Engine.Labels]);
    }

    [Fact]
    public void Load_NoNameAnywhere_TheHostName()
    {
        using var home = new TempDirectory();

        Assert.Equal(System.Environment.MachineName, SettingsLoader.Load(environment: Environment(home.Path)).Engine.NodeName);
    }

    [Theory]
    [InlineData("bad label", "label 'bad label' is not valid")]
    [InlineData("=x", "label '=x' is not valid")]
    public void Load_BadLabel_RefusedSayingHowToWriteOne(string label, string expected)
    {
        using var home = new TempDirectory();

        var error = Assert.Throws<BatonException>(() => SettingsLoader.Load(environment: Environment(home.Path), node: new NodeFlags(null, [label])));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("key or key=value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ZeroWorkers_OnlyWhereServingWithoutWorkersIsAllowed()
    {
        using var home = new TempDirectory();

        var serve = SettingsLoader.Load(workersFlag: 0, environment: Environment(home.Path), allowNoWorkers: true);
        var error = Assert.Throws<BatonException>(() => SettingsLoader.Load(workersFlag: 0, environment: Environment(home.Path)));

        Assert.Equal(0, serve.Engine.Workers);
        Assert.Contains("only 'baton serve --workers 0' may run none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StartedInBackgroundOnAPostgresDatabase_RunsNoTasksUnlessWorkersAreConfigured()
    {
        using var home = new TempDirectory();
        var shared = new Dictionary<string, string> { ["BATON_HOME"] = home.Path, ["BATON_DB"] = "postgresql://baton:secret@db.internal/baton" };
        var withWorkers = new Dictionary<string, string>(shared) { ["BATON_WORKERS"] = "2" };

        var background = SettingsLoader.Load(environment: shared.GetValueOrDefault, allowNoWorkers: true, startedInBackground: true);
        var serve = SettingsLoader.Load(environment: shared.GetValueOrDefault, allowNoWorkers: true);
        var configured = SettingsLoader.Load(environment: withWorkers.GetValueOrDefault, allowNoWorkers: true, startedInBackground: true);
        var embedded = SettingsLoader.Load(environment: Environment(home.Path), allowNoWorkers: true, startedInBackground: true);

        Assert.Equal((0, 0), (background.Engine.Workers, background.BackgroundWorkers));
        Assert.Equal((System.Environment.ProcessorCount, 0), (serve.Engine.Workers, serve.BackgroundWorkers));
        Assert.Equal((2, 2), (configured.Engine.Workers, configured.BackgroundWorkers));
        Assert.Equal((System.Environment.ProcessorCount, System.Environment.ProcessorCount), (embedded.Engine.Workers, embedded.BackgroundWorkers));
    }

    private static Func<string, string?> Environment(string home) => name => name == "BATON_HOME" ? home : null;
}
