using Baton.Core.Application;
using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Command;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Application.Testing;

/// <summary>
/// The people-in-the-loop services over a real, fresh SQLite store: tasks queued, claimed and made to ask through the
/// store's ports, as the engine would; the work notifications the services send, recorded.
/// </summary>
internal sealed class PeopleHarness : IAsyncDisposable
{
    public const string Worker = "host-a:100:aaaa";
    private readonly TempDirectory directory;

    private PeopleHarness(TempDirectory directory, SqliteStoreOptions options, IPhaseGates? gates, Func<string, string, Core.Agents.AgentDefinition>? resolveAgent)
    {
        this.directory = directory;
        Options = options;
        Tasks = new SqliteTaskStore(options);
        Attempts = new SqliteAttemptStore(options);
        Interactions = new SqliteInteractionStore(options);
        var runners = new RunnerRegistry([new CommandRunner(new Dictionary<string, string>()), new ClaudeRunner(new Dictionary<string, string>())]);
        TaskService = new TaskService(Tasks, Notifier, runners, Clock, interactions: Interactions);
        InteractionService = new InteractionService(Interactions, TaskService, Notifier, Clock, gates, resolveAgent);
    }

    public SqliteStoreOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public RecordingNotifier Notifier { get; } = new();

    public SqliteTaskStore Tasks { get; }

    public SqliteAttemptStore Attempts { get; }

    public SqliteInteractionStore Interactions { get; }

    public TaskService TaskService { get; }

    public InteractionService InteractionService { get; }

    public static async Task<PeopleHarness> CreateAsync(IPhaseGates? gates = null, Func<string, string, Core.Agents.AgentDefinition>? resolveAgent = null)
    {
        var directory = new TempDirectory();
        var options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(options).MigrateAsync();
        return new PeopleHarness(directory, options, gates, resolveAgent);
    }

    /// <summary>Queues an agent task (or a command task) and returns its id.</summary>
    public async Task<string> QueueAsync(bool agent = true)
    {
        var definition = agent
            ? new TaskDefinition { Name = "agent", Runner = ClaudeRunner.RunnerName, Instructions = "Refactor the parser", WorkingDirectory = directory.Path }
            : new TaskDefinition { Name = "make", Runner = CommandRunner.RunnerName, Program = "make", WorkingDirectory = directory.Path };
        var id = TaskIds.New();
        await Tasks.EnqueueAsync(id, definition, Clock.GetUtcNow());
        return id;
    }

    /// <summary>Claims the next task as <see cref="Worker"/>.</summary>
    public async Task<Claim> ClaimAsync() =>
        await Attempts.ClaimNextAsync(Worker, Clock.GetUtcNow(), Clock.GetUtcNow().AddMinutes(5)) ?? throw new InvalidOperationException("nothing to claim");

    /// <summary>Queues an agent task, claims it and has it ask <paramref name="ask"/>.</summary>
    public async Task<(Claim Claim, InteractionRecord Open)> AskAsync(InteractionAsk ask)
    {
        await QueueAsync();
        var claim = await ClaimAsync();
        var open = await Interactions.OpenAsync(claim.Attempt, Worker, ask, InteractionFingerprint.Of(ask), Clock.GetUtcNow())
            ?? throw new InvalidOperationException("the attempt could not ask");
        return (claim, open);
    }

    /// <summary>Ends the claimed attempt with the task moving to <paramref name="status"/>, as the engine would.</summary>
    public Task<FinishOutcome> EndAsync(Claim claim, AttemptState attempt, TaskState status, string? sessionId = null) =>
        Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = Worker,
            AttemptStatus = attempt,
            TaskStatus = status,
            EndedAt = Clock.GetUtcNow(),
            Details = sessionId is null ? null : new Core.Runners.Agents.AgentRunDetails { SessionId = sessionId },
        });

    /// <summary>Runs one statement against the database file (what no port offers, such as a phase gate's row).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Options.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Tasks.DisposeAsync();
        await Attempts.DisposeAsync();
        await Interactions.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}
