using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// <c>baton</c> run as a stdio MCP server with raw lines in and out, for what an SDK client would never send. Every
/// line it prints is kept, so a test can check that stdout carried nothing but JSON-RPC messages.
/// </summary>
internal sealed class RawStdioServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly StringBuilder errors = new();
    private readonly Task reading;
    private readonly Task readingErrors;

    private RawStdioServer(Process process)
    {
        this.process = process;
        reading = ReadLinesAsync();
        readingErrors = ReadErrorsAsync();
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything stdout carried so far, line by line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Starts the executable with <paramref name="arguments"/> in the harness's project and environment.</summary>
    public static RawStdioServer Start(McpHarness harness, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo(BatonExecutable.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = harness.Project,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in harness.Environment.Concat(extra ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        return new RawStdioServer(Process.Start(start)!);
    }

    public async Task SendAsync(string line)
    {
        await process.StandardInput.WriteAsync(line + "\n");
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the response to request <paramref name="id"/>.</summary>
    public Task<JsonNode> ResponseAsync(int id) =>
        Eventually.Until(
            () => Task.FromResult(Lines.Select(l => JsonNode.Parse(l)).FirstOrDefault(m => m?["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number && m["id"]!.GetValue<int>() == id)),
            McpHarness.Deadline,
            $"the response to request {id}; stderr: {Errors}");

    /// <summary>Closes stdin (how a client ends the session) and returns the exit code.</summary>
    public async Task<int> CloseAsync()
    {
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(McpHarness.Deadline);
        await process.WaitForExitAsync(deadline.Token);
        await Task.WhenAll(reading, readingErrors);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task ReadLinesAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private async Task ReadErrorsAsync()
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            lock (errors)
            {
                errors.AppendLine(line);
            }
        }
    }
}
