using System.Reflection;
using Baton.Core.Processes;
using Baton.Core.Runners;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// A Node.js program under bench/peers/<c>name</c> that measures another job queue beside Baton: its packages,
/// pinned by its package-lock.json, are installed with <c>npm ci</c> on first use; each run prints one JSON line.
/// </summary>
/// <param name="name">The peer's folder under bench/peers.</param>
/// <param name="package">A package whose folder under node_modules shows the peer is installed.</param>
internal sealed class NodePeer(string name, string package)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The peer's folder.</summary>
    public string Directory { get; } = System.IO.Path.Combine(PeersDirectory(), name);

    /// <summary>Runs <paramref name="script"/> in the peer's folder and returns what it printed on stdout.</summary>
    public async Task<string> RunAsync(
        string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeProvider time, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        await InstallAsync(time, cancellationToken);
        var variables = new Dictionary<string, string>(AttemptEnvironment.OfCurrentProcess());
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        var spec = new ProcessStartSpec(Program("node"), [System.IO.Path.Combine(Directory, script), .. arguments], Directory, variables);
        var run = await ChildProcesses.RunAsync(spec, time, timeout, cancellationToken);
        return run.Exit.ExitCode == 0
            ? run.Stdout
            : throw new InvalidOperationException($"the {name} peer ended with {run.Exit}: {run.Stderr.Trim()}");
    }

    private async Task InstallAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(System.IO.Path.Combine(Directory, "node_modules", package)))
        {
            return;
        }

        var spec = new ProcessStartSpec(Program("npm"), ["ci", "--no-audit", "--no-fund"], Directory, AttemptEnvironment.OfCurrentProcess());
        var run = await ChildProcesses.RunAsync(spec, time, InstallTimeout, cancellationToken);
        if (run.Exit.ExitCode != 0)
        {
            throw new InvalidOperationException($"installing the {name} peer failed ({run.Exit}); run 'npm ci' in {Directory} by hand: {run.Stderr.Trim()}");
        }
    }

    private static string PeersDirectory() =>
        typeof(NodePeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "PeersDirectory")?.Value
            ?? throw new InvalidOperationException("the bench was built without the location of bench/peers");

    private string Program(string program) =>
        ProgramResolver.Resolve(program, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out var problem)
            ?? throw new InvalidOperationException($"the {name} peer needs {program} (Node.js 20 or later) on PATH: {problem}");
}
