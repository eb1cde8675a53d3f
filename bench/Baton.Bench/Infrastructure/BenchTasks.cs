using System.Globalization;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Bench.Infrastructure;

/// <summary>The task definitions the scenarios queue.</summary>
internal static class BenchTasks
{
    public const string TrueProgram = "/bin/true";

    /// <summary>A command task that runs /bin/true, as <c>baton task add -- /bin/true</c> would queue it.</summary>
    public static TaskDefinition True(string workingDirectory) => new()
    {
        Name = TrueProgram,
        Runner = CommandRunner.RunnerName,
        Program = TrueProgram,
        WorkingDirectory = workingDirectory,
    };

    /// <summary>A command task that runs <c>sleep SECONDS</c> (GNU sleep takes fractions), found on PATH.</summary>
    public static TaskDefinition Sleep(string name, double seconds, string workingDirectory) => new()
    {
        Name = name,
        Runner = CommandRunner.RunnerName,
        Program = "sleep",
        Arguments = [seconds.ToString("0.###", CultureInfo.InvariantCulture)],
        WorkingDirectory = workingDirectory,
    };

    /// <summary>A task for <see cref="NoOpRunner"/>: a command task as far as validation goes; its program is never started.</summary>
    public static TaskDefinition NoOp(string workingDirectory) => new()
    {
        Name = "noop",
        Runner = NoOpRunner.RunnerName,
        Program = TrueProgram,
        WorkingDirectory = workingDirectory,
    };

    /// <summary>A claude task for a named agent, as <c>baton task add --agent bench --prompt ...</c> would queue it.</summary>
    public static TaskDefinition Agent(string workingDirectory) => new()
    {
        Name = "bench agent",
        Runner = ClaudeRunner.RunnerName,
        AgentName = "bench",
        Agent = new AgentSpec { Name = "bench", Tools = ["Read", "Bash"] },
        Instructions = "Say hello.",
        WorkingDirectory = workingDirectory,
    };
}
