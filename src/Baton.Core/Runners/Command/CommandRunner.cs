using Baton.Core.Processes;

namespace Baton.Core.Runners.Command;

/// <summary>
/// The <c>command</c> runner: starts the task's program directly (no shell unless the user runs one) in its own
/// session. Exit code 0 succeeds with the tail of stdout as the result; anything else fails with the tail of stderr.
/// </summary>
public sealed class CommandRunner(IReadOnlyDictionary<string, string> baseEnvironment) : IRunner
{
    /// <summary>The runner's name.</summary>
    public const string RunnerName = "command";

    /// <inheritdoc />
    public string Name => RunnerName;

    /// <inheritdoc />
    public async Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        if (string.IsNullOrEmpty(definition.Program))
        {
            return AttemptOutcome.Failure("the task has no program to run", retryable: false);
        }

        var environment = AttemptEnvironment.Build(baseEnvironment, context);
        var executable = ProgramResolver.Resolve(
            definition.Program, definition.WorkingDirectory, environment.GetValueOrDefault("PATH"), out var problem);
        if (executable is null)
        {
            context.Log.WriteNotice(problem!);
            return AttemptOutcome.Failure(problem!, retryable: false);
        }

        var spec = new ProcessStartSpec(executable, definition.Arguments, definition.WorkingDirectory, environment);
        ProcessExit exit;
        try
        {
            exit = await SupervisedProcess.RunAsync(
                spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, stop);
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return AttemptOutcome.Failure(ex.Message, retryable: false);
        }

        if (exit.ExitCode == 0)
        {
            return AttemptOutcome.Success(context.Log.StdoutTail, 0);
        }

        var stderr = context.Log.StderrTail.TrimEnd();
        var error = stderr.Length > 0 ? stderr : $"the program ended with {exit}";
        return AttemptOutcome.Failure(error, retryable: true, exit.ExitCode, exit.Signal);
    }
}
