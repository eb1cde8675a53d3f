using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>
/// A second account on this machine, made with useradd for one test and removed with userdel afterwards (root only),
/// and a way to run commands as it (setpriv: its uid and group, no other groups).
/// </summary>
internal sealed class LocalAccount : IAsyncDisposable
{
    private LocalAccount(string name, int uid, int gid)
    {
        Name = name;
        Uid = uid;
        Gid = gid;
    }

    public string Name { get; }

    public int Uid { get; }

    public int Gid { get; }

    /// <summary>True where accounts can be made: CI runs as root.</summary>
    public static bool CanCreate => Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/useradd") && File.Exists("/usr/bin/setpriv");

    public static async Task<LocalAccount> CreateAsync()
    {
        var name = "baton-t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var (exit, output) = await RunAsync("/usr/sbin/useradd", ["--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name]);
        Assert.True(exit == 0, $"useradd failed: {output}");
        var uid = int.Parse((await RunAsync("/usr/bin/id", ["-u", name])).Output.Trim(), CultureInfo.InvariantCulture);
        var gid = int.Parse((await RunAsync("/usr/bin/id", ["-g", name])).Output.Trim(), CultureInfo.InvariantCulture);
        return new LocalAccount(name, uid, gid);
    }

    /// <summary>Runs a shell command as this account; returns its exit code and its stdout and stderr together.</summary>
    public Task<(int Exit, string Output)> ShellAsync(string command, IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(
            "/usr/bin/setpriv",
            ["--reuid", Uid.ToString(CultureInfo.InvariantCulture), "--regid", Gid.ToString(CultureInfo.InvariantCulture), "--clear-groups", "--", "/bin/bash", "-c", command],
            environment);

    /// <summary>
    /// An HTTP/1.1 request from this account to 127.0.0.1:<paramref name="port"/>, made by bash's /dev/tcp (nothing to
    /// install): returns the status code of the answer.
    /// </summary>
    public async Task<int> HttpStatusAsync(int port, string method, string path, string? json = null)
    {
        var body = json ?? string.Empty;
        var head = $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json, text/event-stream\r\n"
            + (json is null ? string.Empty : $"Content-Type: application/json\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n")
            + "Connection: close\r\n\r\n";
        var (exit, output) = await ShellAsync(
            $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf \"$HEAD\" >&3 && printf '%s' \"$BODY\" >&3 && head -n 1 <&3",
            new Dictionary<string, string> { ["HEAD"] = head, ["BODY"] = body });
        var parts = output.Split(' ');
        Assert.True(exit == 0 && parts.Length > 1 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal), $"no HTTP answer as {Name}: {output}");
        return int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await RunAsync("/usr/sbin/userdel", [Name]);

    private static async Task<(int Exit, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
