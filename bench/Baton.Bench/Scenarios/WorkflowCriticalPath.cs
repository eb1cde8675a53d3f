using System.Globalization;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Bench.Scenarios;

/// <summary>
/// 9. A feature pipeline of sleep tasks with known durations: the workflow should take its critical path (the sum of
/// each phase's longest task) and little more, well under the sum of all its tasks.
/// </summary>
internal sealed class WorkflowCriticalPath(TimeProvider time) : IScenario
{
    private const int Workers = 5;
    private const int Runs = 3;
    private const double TolerancePercent = 2;
    private const double ToleranceFloor = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // Each phase waits for the one before; the tasks of a phase run in parallel. Durations in seconds.
    private static readonly (string Phase, (string Task, double Seconds)[] Tasks)[] Pipeline =
    [
        ("design", [("design", 1.0)]),
        ("implementation", [("backend", 1.5), ("frontend", 1.0)]),
        ("tests", [("tests", 0.5)]),
        ("review", [("review-security", 0.3), ("review-api", 0.4), ("review-performance", 0.45), ("review-docs", 0.5), ("review-architecture", 0.6)]),
    ];

    public string Name => "workflow-critical-path";

    public string Title => "9. Workflow critical path (feature pipeline of sleep tasks)";

    public async Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var directory = BenchDirectory.Create(Name);
        using var traces = new AttemptTraces(time);
        await using var host = await EngineHost.StartAsync(
            directory, Workers, [new CommandRunner(AttemptEnvironment.OfCurrentProcess())], time, cancellationToken);
        var searchPath = Environment.GetEnvironmentVariable("PATH");

        // The same shape with /bin/true first, so that the measured runs do not pay for JIT compilation.
        var warmUp = BenchWorkflows.Blueprint(host.Workflows, "warm-up", Phases((name, _) => BenchTasks.True(directory.Path) with { Name = name }), time);
        await WorkflowRun.RunAsync(host, traces, warmUp, searchPath, time, Deadline, cancellationToken);

        var criticalPath = Pipeline.Sum(p => p.Tasks.Max(t => t.Seconds)) * 1000;
        var serial = Pipeline.Sum(p => p.Tasks.Sum(t => t.Seconds)) * 1000;
        var tolerance = Math.Max(TolerancePercent / 100 * criticalPath, ToleranceFloor);
        var report = new ScenarioReport(Title)
            .Add("critical path: design, backend, tests, slowest gate", Units.Duration(criticalPath))
            .Add($"serial sum of all {Pipeline.Sum(p => p.Tasks.Length)} tasks", Units.Duration(serial));
        for (var run = 1; run <= Runs; run++)
        {
            var blueprint = BenchWorkflows.Blueprint(host.Workflows, "feature", Phases((name, seconds) => BenchTasks.Sleep(name, seconds, directory.Path)), time);
            var elapsed = (await WorkflowRun.RunAsync(host, traces, blueprint, searchPath, time, Deadline, cancellationToken)).Elapsed.TotalMilliseconds;
            if (elapsed < criticalPath)
            {
                throw new InvalidOperationException($"run {run} took {Units.Duration(elapsed)}, less than its critical path: the sleeps did not sleep");
            }

            report.Add($"run {run}: RunAsync → workflow completed", Units.Duration(elapsed))
                .Add(Figure.AtMost($"run {run}: over the critical path", elapsed - criticalPath, tolerance, Units.Duration))
                .Add($"run {run}: time saved against serial (speed-up)", string.Create(CultureInfo.InvariantCulture, $"{(1 - elapsed / serial) * 100:0.0} % ({serial / elapsed:0.00}×)"));
        }

        return report
            .Note($"in-process engine, {Workers} workers, real CommandRunner running sleep; phases design → implementation (backend ∥ frontend)")
            .Note("→ tests → review (five gates of 0.3–0.6 s in parallel); one workflow per run after a warm-up of the same shape with /bin/true;")
            .Note("from just before WorkflowService.RunAsync to the last attempt's end committed, the transaction that completes the workflow;")
            .Note($"target: within max({TolerancePercent:0} % of the critical path, {Units.Duration(ToleranceFloor)}) of it");
    }

    private static BenchPhase[] Phases(Func<string, double, TaskDefinition> task) =>
        [.. Pipeline.Select((phase, i) => new BenchPhase(phase.Phase, i == 0 ? [] : [Pipeline[i - 1].Phase], [.. phase.Tasks.Select(t => task(t.Task, t.Seconds))]))];
}
