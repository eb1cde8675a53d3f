using Baton.AgentCli.Tests.Harness;
using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Tasks;

namespace Baton.AgentCli.Tests.Interactive;

/// <summary>
/// Runs Baton's <see cref="ClaudeRunner"/> on the real CLI against a scripted endpoint, in a sandbox, with a
/// conversation (or none), the way the engine runs an attempt.
/// </summary>
internal sealed class RunnerHarness(Uri baseUrl, ClaudeSandbox sandbox)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly List<AgentProgress> progress = [];
    private int attempts;

    public string LogPath(int attempt) => Path.Combine(sandbox.Root, $"{attempt}.log");

    public string Log(int attempt) => File.ReadAllText(LogPath(attempt));

    public IReadOnlyList<AgentProgress> Progress
    {
        get
        {
            lock (progress)
            {
                return [.. progress];
            }
        }
    }

    public string TaskId { get; } = TaskIds.New();

    /// <summary>Runs one attempt; <paramref name="resumeSessionId"/> continues an earlier session with <paramref name="resumePrompt"/>.</summary>
    public async Task<AttemptOutcome> RunAsync(
        IAttemptConversation? conversation,
        string instructions,
        AgentSpec? agent = null,
        string? resumeSessionId = null,
        string? resumePrompt = null,
        CancellationToken stop = default)
    {
        var attempt = Interlocked.Increment(ref attempts);
        var runner = new ClaudeRunner(ClaudeCli.Environment(baseUrl, sandbox), ClaudeCli.ExecutablePath);
        var task = new TaskRecord
        {
            Id = TaskId,
            Definition = new TaskDefinition
            {
                Name = "interactive",
                Runner = runner.Name,
                Instructions = instructions,
                WorkingDirectory = sandbox.Work,
                Agent = agent,
            },
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        using var log = AttemptLog.Create(LogPath(attempt), 4 * 1024 * 1024, 8192);
        var context = new AttemptContext(
            task,
            new AttemptKey(task.Id, attempt),
            log,
            TimeSpan.FromSeconds(2),
            TimeProvider.System,
            _ => Task.CompletedTask,
            p =>
            {
                lock (progress)
                {
                    progress.Add(p);
                }
            },
            resumeSessionId,
            resumePrompt,
            Conversation: conversation);
        return await runner.RunAsync(context, stop).WaitAsync(Bound);
    }
}
