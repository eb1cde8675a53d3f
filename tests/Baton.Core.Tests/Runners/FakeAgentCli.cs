using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Runners;

/// <summary>
/// Runs an agent runner against a fake CLI script kept in the source tree (tests/.../Runners/&lt;Cli&gt;/Fake), which
/// records what it was given and replays a capture of the real CLI byte for byte.
/// </summary>
/// <param name="folder">The runner's test folder under Runners/, e.g. <c>Codex</c>.</param>
/// <param name="cli">The fake's file name, e.g. <c>codex</c>.</param>
/// <param name="createRunner">Builds the runner under test from the base environment.</param>
internal class FakeAgentCli(string folder, string cli, Func<IReadOnlyDictionary<string, string>, IRunner> createRunner) : IDisposable
{
    public const string Instructions = "What is in hello.txt?";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory directory = new();
    private readonly List<AgentProgress> progress = [];
    private bool prepared;

    /// <summary>The runner's test folder in the source tree.</summary>
    public string Folder { get; } = FolderOf(folder);

    /// <summary>The path of a test folder under Runners/ in the source tree.</summary>
    public static string FolderOf(string name) => Path.Combine(RepositoryRoot.Path, "tests", "Baton.Core.Tests", "Runners", name);

    public string RecordDirectory => directory.File("record");

    public string WorkingDirectory => directory.File("work");

    public string LogPath => directory.File("1.log");

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

    /// <summary>How many times the fake was started.</summary>
    public int Invocations => Directory.GetFiles(RecordDirectory, "argv.*").Count(f => !f.EndsWith(".tmp", StringComparison.Ordinal));

    public Task<AttemptOutcome> RunAsync(
        string scenario,
        Func<TaskDefinition, TaskDefinition>? configure = null,
        string? resumeSessionId = null,
        string? resumeScenario = null,
        bool onPath = true,
        IAttemptConversation? conversation = null,
        CancellationToken stop = default)
    {
        Prepare();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = (onPath ? Path.Combine(Folder, "Fake") + ":" : string.Empty) + "/usr/bin:/bin",
            ["FAKE_CLI_RECORD_DIR"] = RecordDirectory,
            ["FAKE_CLI_SCENARIO"] = scenario,
        };
        if (resumeScenario is not null)
        {
            environment["FAKE_CLI_RESUME_SCENARIO"] = resumeScenario;
        }

        return RunAsync(createRunner(environment), configure, resumeSessionId, conversation, stop);
    }

    /// <summary>Creates the scratch folders, and restores the fake's executable bit if a checkout lost it.</summary>
    private void Prepare()
    {
        if (prepared)
        {
            return;
        }

        prepared = true;
        Directory.CreateDirectory(RecordDirectory);
        Directory.CreateDirectory(WorkingDirectory);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var script = Path.Combine(Folder, "Fake", cli);
        if ((File.GetUnixFileMode(script) & executable) != executable)
        {
            File.SetUnixFileMode(script, File.GetUnixFileMode(script) | executable);
        }
    }

    public IReadOnlyList<string> Argv(int invocation) =>
        File.ReadAllText(Path.Combine(RecordDirectory, $"argv.{invocation}")).Split('\0')[..^1];

    public string Stdin(int invocation) => File.ReadAllText(Path.Combine(RecordDirectory, $"stdin.{invocation}"));

    public string Record(string name) => File.ReadAllText(Path.Combine(RecordDirectory, name));

    public string Log() => File.ReadAllText(LogPath);

    public void Dispose()
    {
        directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<AttemptOutcome> RunAsync(
        IRunner runner, Func<TaskDefinition, TaskDefinition>? configure, string? resumeSessionId, IAttemptConversation? conversation, CancellationToken stop)
    {
        var definition = new TaskDefinition { Name = "t", Runner = runner.Name, Instructions = Instructions, WorkingDirectory = WorkingDirectory };
        var task = new TaskRecord
        {
            // Unique: a process tree is found by its attempt's marker, and other tests stop trees of their own.
            Id = Guid.NewGuid().ToString("N")[..12],
            Definition = configure?.Invoke(definition) ?? definition,
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        using var log = AttemptLog.Create(LogPath, 1024 * 1024, 4096);
        var context = new AttemptContext(
            task,
            new AttemptKey(task.Id, 1),
            log,
            TimeSpan.FromMilliseconds(500),
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
            Conversation: conversation);
        return await runner.RunAsync(context, stop).WaitAsync(Bound);
    }

}
