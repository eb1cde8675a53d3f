using System.Text;
using Baton.EndToEnd.Tests.Agents;

namespace Baton.EndToEnd.Tests.Interactions;

/// <summary>
/// People in the loop end to end: `baton serve` runs the real Claude Code against a scripted model endpoint, with one
/// agent that must ask before it runs Bash and one that may run it, and the store open to check what it kept.
/// </summary>
public abstract class ClaudeInteractionTestBase : IAsyncLifetime
{
    private protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private protected ClaudeAgentHarness harness = null!;
    private protected InteractionStoreClient store = null!;

    public async Task InitializeAsync()
    {
        harness = await ClaudeAgentHarness.StartAsync();
        // Bash is not pre-allowed, so the CLI asks before running a command that changes anything.
        harness.DefineAgent("toucher", "tools: Read");
        harness.DefineAgent("sleeper", "tools: Bash");
        store = await InteractionStoreClient.OpenAsync(harness.Home.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await harness.DisposeAsync();
    }

    /// <summary>Live processes whose environment carries this task's first attempt's marker.</summary>
    private protected static List<int> ProcessesOf(string taskId, Func<string, bool> cmdlineMatches)
    {
        var marker = Encoding.UTF8.GetBytes($"BATON_ATTEMPT_ID={taskId}/1\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
                if (cmdlineMatches(cmdline) && File.ReadAllBytes($"/proc/{pid}/environ").AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }
}
