using Baton.Bench;
using Baton.Bench.Scenarios;

// dotnet run -c Release --project bench/Baton.Bench [-- SCENARIO...]; exits 1 if a target is missed or a scenario fails.
var time = TimeProvider.System;
IScenario[] scenarios =
[
    new EnqueueLatency(time),
    new CliEnqueueLatency(time),
    new DispatchLatency(time),
    new Throughput(time),
    new TaskOverhead(time),
    new IdleMemory(time),
    new AgentDispatchLatency(time),
    new StreamParseThroughput(time),
    new AgentMemory(time),
    new WorkflowCriticalPath(time),
    new PhaseLatency(time),
    new WorkflowOverhead(time),
    new RestEnqueueLatency(time),
    new RestListLatency(time),
    new McpTaskAsyncLatency(time),
    new McpColdStart(time),
    new EventLogCost(time),
    new WebhookLatency(time),
    new SseFanout(time),
    new McpSessionFlood(time),
    new InteractionLatency(time),
];

// Run only when named: they need more than this machine's defaults (a PostgreSQL server, several minutes, a browser).
IScenario[] namedOnly =
[
    new PostgresThroughput(time),
    new RestListLatency(time, onPostgres: true),
    // Needs chromium (apt-get install chromium, or BATON_BENCH_CHROMIUM).
    new DashboardLoad(time),
    // About half a minute: one occurrence a second.
    new ScheduleFiringPrecision(time),
    // Fills a million tasks first (a minute or so).
    new MetricsScrape(time),
    // Six daemons one after another, a thousand tasks each (a few minutes).
    new MetricsOverhead(time),
    // A million tasks filled first; several minutes.
    new StatsLatency(time),
];

var unknown = args.Where(a => !scenarios.Concat(namedOnly).Any(s => s.Name == a)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"unknown scenario '{unknown[0]}'; choose from: {string.Join(", ", scenarios.Concat(namedOnly).Select(s => s.Name))}");
    return 2;
}

var selected = args.Length == 0 ? scenarios : scenarios.Concat(namedOnly).Where(s => args.Contains(s.Name)).ToArray();
using var cancel = new CancellationTokenSource(selected.Aggregate(BenchRunner.TimeLimit, (limit, s) => limit + s.ExtraTime));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await BenchRunner.RunAsync(selected, Console.Out, time, cancel.Token);
