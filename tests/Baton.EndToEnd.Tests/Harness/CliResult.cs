using System.Text.Json;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>What one run of the baton CLI did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
