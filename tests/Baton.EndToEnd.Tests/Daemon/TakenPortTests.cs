using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Daemon;

/// <summary>
/// Two data directories configured with the same fixed port: a daemon a command starts in the background moves to a
/// free port when another Baton daemon holds it (and the CLI follows), while 'baton serve' still refuses.
/// </summary>
public sealed class TakenPortTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly BatonHome first = new();
    private readonly BatonHome second = new();
    private readonly Dictionary<string, string> samePort;
    private readonly int port;

    public TakenPortTests()
    {
        port = FreePort();
        samePort = new Dictionary<string, string> { ["BATON_URLS"] = $"http://127.0.0.1:{port}" };
    }

    [Fact]
    public async Task TaskAdd_PortHeldByAnotherBatonDaemon_StartsOnAFreePortRecordsItAndRunsTheTask()
    {
        using var holder = await first.StartDaemonAsync(environment: samePort);

        var add = await second.RunAsync(["task", "add", "--json", "--", "sh", "-c", "echo moved"], Deadline, samePort);

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("Started the Baton daemon in the background", add.Stderr, StringComparison.Ordinal);
        Assert.Contains("since another Baton daemon holds the configured port", add.Stderr, StringComparison.Ordinal);
        var id = add.Json.GetProperty("task_id").GetString()!;
        Assert.Equal("moved\n", (await second.WaitTerminalAsync(id, Deadline))!.Value.GetProperty("result").GetString());
        var url = Assert.Single(DaemonUrls(second));
        Assert.NotEqual(port, new Uri(url).Port);
        using var client = new HttpClient();
        Assert.True((await client.GetAsync(new Uri(new Uri(url), "/health"))).IsSuccessStatusCode);
        var doctor = await second.RunAsync(["doctor"], Deadline, samePort);
        Assert.Contains($"serving HTTP on {url}", doctor.Stdout, StringComparison.Ordinal);
        Assert.False(holder.HasExited);
        Assert.Equal(port, new Uri(Assert.Single(DaemonUrls(first))).Port);
    }

    [Fact]
    public async Task Serve_PortHeldByAnotherBatonDaemon_StillRefusesAndSaysWhoHoldsIt()
    {
        using var holder = await first.StartDaemonAsync(environment: samePort);

        var serve = await second.RunAsync(["serve"], Deadline, samePort);

        Assert.Equal(5, serve.ExitCode);
        Assert.Contains($"cannot serve on http://127.0.0.1:{port}: the port is in use by another Baton daemon", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskAdd_PortHeldByAnotherProgram_Refuses()
    {
        var other = new TcpListener(IPAddress.Loopback, port);
        other.Start();
        try
        {
            var add = await second.RunAsync(["task", "add", "--", "true"], Deadline, samePort);

            Assert.Equal(5, add.ExitCode);
            Assert.Contains("the port is in use by another program", add.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            other.Stop();
        }
    }

    private static List<string> DaemonUrls(BatonHome home)
    {
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(home.Dir, "daemon.json")));
        return [.. info.RootElement.GetProperty("urls").EnumerateArray().Select(u => u.GetString()!)];
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var free = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return free;
    }

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
    }
}
