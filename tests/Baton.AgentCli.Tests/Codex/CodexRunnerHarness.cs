using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;
using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Codex;
using Baton.Core.Tasks;

namespace Baton.AgentCli.Tests.Codex;

/// <summary>
/// Runs Baton's <see cref="CodexRunner"/> with a conversation (so over <c>codex app-server</c>) against the real Codex
/// CLI and a <see cref="ScriptedResponsesServer"/>, in folders of its own: CODEX_HOME, the working directory and the
/// attempt logs. Progress reports are recorded.
/// </summary>
internal sealed class CodexRunnerHarness : IAsyncDisposable
{
    /// <summary>A run takes about a second; this leaves room for a loaded 2-core machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly List<AgentProgress> progress = [];
    private readonly List<int> processes = [];
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("baton-codex-");
    private int attempts;

    private readonly string model;

    private CodexRunnerHarness(ScriptedResponsesServer server, string model)
    {
        Server = server;
        this.model = model;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Work);
    }

    public ScriptedResponsesServer Server { get; }

    public string Home => Path.Combine(root.FullName, "home");

    public string Work => Path.Combine(root.FullName, "work");

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

    /// <summary>The pids of the CLI processes started, in order.</summary>
    public IReadOnlyList<int> Processes
    {
        get
        {
            lock (processes)
            {
                return [.. processes];
            }
        }
    }

    public static async Task<CodexRunnerHarness> StartAsync(string model = CodexCli.Model) => new(await ScriptedResponsesServer.StartAsync(), model);

    /// <summary>The log of attempt <paramref name="attempt"/> (from 1).</summary>
    public string Log(int attempt) => File.ReadAllText(LogPath(attempt));

    /// <summary>The transcript of attempt <paramref name="attempt"/>, as Baton shows it.</summary>
    public IReadOnlyList<string> Transcript(int attempt) =>
        [.. File.ReadAllLines(LogPath(attempt)).SelectMany(line => CodexTranscript.Render(line, Work))];

    /// <summary>Runs one attempt to its end.</summary>
    public async Task<AttemptOutcome> RunAsync(
        IAttemptConversation conversation, string? permissionMode = null, string? resumeSessionId = null, CancellationToken stop = default,
        bool forkSession = false, string? resumePrompt = null)
    {
        var number = Interlocked.Increment(ref attempts);
        var definition = new TaskDefinition
        {
            Name = "t",
            Runner = CodexRunner.RunnerName,
            Instructions = "Write out.txt",
            WorkingDirectory = Work,
            Agent = permissionMode is null ? null : new AgentSpec { Name = "a", PermissionMode = permissionMode },
        };
        var task = new TaskRecord
        {
            // Unique: a process tree is found by its attempt's marker.
            Id = Guid.NewGuid().ToString("N")[..12],
            Definition = definition,
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        using var log = AttemptLog.Create(LogPath(number), 4 * 1024 * 1024, 4096);
        var context = new AttemptContext(
            task,
            new AttemptKey(task.Id, number),
            log,
            TimeSpan.FromSeconds(2),
            TimeProvider.System,
            identity =>
            {
                lock (processes)
                {
                    processes.Add(identity.ProcessId);
                }

                return Task.CompletedTask;
            },
            p =>
            {
                lock (progress)
                {
                    progress.Add(p);
                }
            },
            resumeSessionId,
            resumePrompt,
            Conversation: conversation,
            ForkSession: forkSession);
        var runner = new CodexRunner(CodexCli.Environment(Server.BaseUrl, Home, model), CodexCli.ExecutablePath);
        return await runner.RunAsync(context, stop).WaitAsync(Bound);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover may still be writing under the root; the OS's temp cleanup takes it.
        }
    }

    private string LogPath(int attempt) => Path.Combine(root.FullName, $"{attempt}.log");
}
