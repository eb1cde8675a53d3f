using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.EndToEnd.Tests.Sessions;

/// <summary>
/// Seeds a home's SQLite store, before its daemon starts, with what agent runs leave behind: tasks whose attempts
/// recorded an agent session (with usage and cost) and capsules saved in them, through the real store.
/// </summary>
internal static class SessionSeed
{
    public const string Worker = "seed-host:1:seed";

    /// <summary>
    /// Two tasks of agent architect in session sess-e2e-a (two capsules, the later one newest; costs the CLI reported),
    /// one of agent reviewer in sess-e2e-b (its cost Baton's estimate from the tokens, as for Codex and Gemini).
    /// </summary>
    public static async Task<(string Design, string Review, string Audit)> SeedAsync(string databasePath)
    {
        await using var services = new ServiceCollection().AddBatonSqliteStore(new StoreOptions { Location = databasePath }).BuildServiceProvider();
        await services.GetRequiredService<IStoreMigrator>().MigrateAsync();
        var tasks = services.GetRequiredService<ITaskStore>();
        var attempts = services.GetRequiredService<IAttemptStore>();
        var capsules = services.GetRequiredService<ICapsuleStore>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var design = await RunAsync(tasks, attempts, "design", "architect", "sess-e2e-a", at, estimated: false);
        var review = await RunAsync(tasks, attempts, "review", "architect", "sess-e2e-a", at.AddMinutes(10), estimated: false);
        var audit = await RunAsync(tasks, attempts, "audit", "reviewer", "sess-e2e-b", at.AddMinutes(5), estimated: true);
        await capsules.SaveAsync(new CapsuleRecord(CapsuleIds.New(at.AddMinutes(1)), design, 1, "sess-e2e-a", null, "architect", at.AddMinutes(1),
            new ContextCapsule { CurrentTask = "Sketch the schema" }));
        await capsules.SaveAsync(new CapsuleRecord(CapsuleIds.New(at.AddMinutes(11)), review, 1, "sess-e2e-a", null, "architect", at.AddMinutes(11), new ContextCapsule
        {
            CurrentTask = "Review the schema",
            CompletedSteps = ["read the migration"],
            NextSteps = ["check the indexes"],
            Decisions = [new CapsuleDecision("keep SQLite as default", "one file, no server")],
            Files = ["src/Schema.sql"],
        }));
        await capsules.SaveAsync(new CapsuleRecord(CapsuleIds.New(at.AddMinutes(2)), design, 1, "sess-e2e-a", null, "architect", at.AddMinutes(2),
            new ContextCapsule { CurrentTask = "Write the schema" }));
        return (design, review, audit);
    }

    private static async Task<string> RunAsync(ITaskStore tasks, IAttemptStore attempts, string name, string agent, string sessionId, DateTimeOffset at, bool estimated)
    {
        var id = TaskIds.New();
        await tasks.EnqueueAsync(id, new TaskDefinition { Name = name, Runner = "claude", AgentName = agent, Instructions = "work", WorkingDirectory = "/srv/project" }, at);
        var claim = await attempts.ClaimNextAsync(Worker, at, at.AddSeconds(30)) ?? throw new InvalidOperationException("nothing to claim");
        await attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = Worker,
            AttemptStatus = AttemptState.Completed,
            TaskStatus = TaskState.Completed,
            EndedAt = at.AddMinutes(3),
            Result = "done",
            Details = new AgentRunDetails
            {
                SessionId = sessionId,
                CostUsd = 0.5m,
                CostEstimated = estimated,
                Models = new Dictionary<string, ModelUsage> { ["claude-sonnet"] = new(1000, 500, 0, 0, 0.5m) },
            },
        });
        return id;
    }
}
