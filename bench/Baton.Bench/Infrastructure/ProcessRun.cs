using Baton.Core.Processes;

namespace Baton.Bench.Infrastructure;

/// <summary>How a child process ended, what it printed, and how long it took from spawn to exit.</summary>
internal sealed record ProcessRun(ProcessExit Exit, string Stdout, string Stderr, TimeSpan Elapsed);
