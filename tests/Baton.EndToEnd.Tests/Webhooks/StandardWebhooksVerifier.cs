using System.Diagnostics;
using System.Text.Json;
using Baton.AgentCli.Tests.Harness;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>
/// Runs tools/webhook-verify/verify.mjs: the standardwebhooks reference library (installed by this project's build)
/// checks captured deliveries against a secret, with none of Baton's code involved.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static async Task<(int ExitCode, string Output)> VerifyAsync(IEnumerable<CapturedDelivery> deliveries, string secret, string scratch)
    {
        var file = Path.Combine(scratch, $"captured-{Guid.NewGuid():N}.json");
        var items = deliveries.Select(d => new Dictionary<string, string>
        {
            ["id"] = d.Id, ["timestamp"] = d.Timestamp, ["signature"] = d.Signature, ["body"] = d.Body, ["secret"] = secret,
        }).ToList();
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(items));
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "tools", "webhook-verify"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("verify.mjs");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
