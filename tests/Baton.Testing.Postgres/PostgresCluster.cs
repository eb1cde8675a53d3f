using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Baton.Testing.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster on loopback: <c>initdb</c> into a temp directory, a random port, <c>pg_ctl</c>.
/// PostgreSQL refuses to run as root, so under root the cluster's files belong to <c>nobody</c> and its programs run
/// as that user (<c>setpriv</c>). Password authentication over TCP, so connection strings carry a real secret.
/// Each test takes its own database (<see cref="CreateDatabaseAsync"/>); <see cref="Shared"/> is one cluster per
/// test process, stopped when the process exits.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const int NobodyId = 65534;
    private static readonly Lazy<Task<PostgresCluster>> SharedCluster = new(() => StartSharedAsync());
    private readonly string binDirectory;
    private readonly ClusterSettings settings;
    private int databaseCounter;

    private PostgresCluster(string root, string binDirectory, int port, string password, ClusterSettings settings)
    {
        Root = root;
        this.binDirectory = binDirectory;
        Port = port;
        Password = password;
        this.settings = settings;
    }

    /// <summary>The user every connection signs in as.</summary>
    public const string User = "baton";

    /// <summary>The temp directory holding the cluster (data, log, socket).</summary>
    public string Root { get; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The password of <see cref="User"/>.</summary>
    public string Password { get; }

    /// <summary>The server's log file: what to read when something went wrong.</summary>
    public string LogFile => Path.Combine(Root, "server.log");

    private string DataDirectory => Path.Combine(Root, "data");

    /// <summary>One cluster for the whole test process, started on first use, stopped when the process exits.</summary>
    public static Task<PostgresCluster> Shared => SharedCluster.Value;

    /// <summary>True where PostgreSQL's server programs are installed (Debian's <c>postgresql</c> package).</summary>
    public static bool IsInstalled => FindBinDirectory() is not null;

    /// <summary>Creates and starts a new cluster.</summary>
    public static async Task<PostgresCluster> StartAsync(ClusterSettings? settings = null)
    {
        settings ??= new ClusterSettings();
        var bin = FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL's server programs are not installed: apt-get install postgresql (or set BATON_TEST_PG_BIN to the folder holding initdb).");
        var root = Path.Combine(Path.GetTempPath(), "baton-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var password = Guid.NewGuid().ToString("N");
        var passwordFile = Path.Combine(root, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        if (Environment.IsPrivilegedProcess)
        {
            // The cluster's files belong to the unprivileged user that runs the server.
            ChangeOwner(root);
            ChangeOwner(passwordFile);
        }

        var cluster = new PostgresCluster(root, bin, FreePort(), password, settings);
        await cluster.RunAsync("initdb", "-D", cluster.DataDirectory, "-U", User, "--pwfile", passwordFile,
            "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions");
        File.Delete(passwordFile);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> (pooling off unless asked).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = User,
            Password = Password,
            Database = database,
        }.ConnectionString;

    /// <summary>The same as a <c>postgresql://</c> URI.</summary>
    public string Uri(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"postgresql://{User}:{Password}@127.0.0.1:{Port}/{database}");

    /// <summary>Creates a new, empty database and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix ?? "test"}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}");
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut, committed work stays).</summary>
    public Task StopAsync() => RunAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    /// <summary>Starts the server again on the same port (after <see cref="StopAsync"/>), waiting until it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o",
        string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"-p {Port}"),
            $"-c unix_socket_directories={Root}",
            string.Create(CultureInfo.InvariantCulture, $"-c max_connections={settings.MaxConnections}"),
            settings.Durable ? "-c fsync=on -c synchronous_commit=on" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
        "start");

    /// <summary>Stops the server at once and deletes its files.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp directory's own cleaning.
        }
    }

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var cluster = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        cluster.StopWhenThisProcessEnds();
        return cluster;
    }

    /// <summary>
    /// The exit handler does not run when the test platform ends its test host outright, and the server would outlive
    /// the run: a small shell, in a session of its own, waits for this process to end and then stops the server and
    /// deletes its files (nothing left to do if the handler did it first).
    /// </summary>
    private void StopWhenThisProcessEnds()
    {
        var pgctl = Path.Combine(binDirectory, "pg_ctl");
        var asOwner = Environment.IsPrivilegedProcess
            ? string.Create(CultureInfo.InvariantCulture, $"setpriv --reuid {NobodyId} --regid {NobodyId} --clear-groups ")
            : string.Empty;
        var script = string.Create(CultureInfo.InvariantCulture,
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {asOwner}'{pgctl}' -D '{DataDirectory}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{Root}'");
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
        watchdog?.StandardInput.Close();
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            start.FileName = "setpriv";
            foreach (var argument in new[] { "--reuid", NobodyId.ToString(CultureInfo.InvariantCulture), "--regid", NobodyId.ToString(CultureInfo.InvariantCulture), "--clear-groups" })
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(Path.Combine(binDirectory, program));
        }
        else
        {
            start.FileName = Path.Combine(binDirectory, program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "";
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}{log}");
        }
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("BATON_TEST_PG_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), CultureInfo.InvariantCulture, out var major) ? major : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void ChangeOwner(string path)
    {
        using var chown = Process.Start("chown", [string.Create(CultureInfo.InvariantCulture, $"{NobodyId}:{NobodyId}"), path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not give {path} to the unprivileged user that runs PostgreSQL");
        }
    }
}
