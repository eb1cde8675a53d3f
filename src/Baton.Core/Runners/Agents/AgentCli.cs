using Baton.Core.Processes;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// What every agent runner does before it starts its CLI: the environment (the daemon's, then the agent's
/// <c>env</c>, then the task's and Baton's own variables) and the executable (configured, or found on that PATH).
/// </summary>
internal static class AgentCli
{
    /// <summary>The environment and executable, or a non-retryable failure that says how to install the CLI.</summary>
    public static (Dictionary<string, string> Environment, string? Path, AttemptOutcome? Failure) Prepare(
        AttemptContext context, IReadOnlyDictionary<string, string> baseEnvironment, string? executable, string name, string notFoundMessage)
    {
        var merged = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in context.Task.Definition.Agent?.Environment ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var environment = AttemptEnvironment.Build(merged, context);
        var path = executable ?? ProgramResolver.Resolve(name, context.Task.Definition.WorkingDirectory, environment.GetValueOrDefault("PATH"), out _);
        if (path is not null)
        {
            return (environment, path, null);
        }

        context.Log.WriteNotice(notFoundMessage);
        return (environment, null, AttemptOutcome.Failure(notFoundMessage, retryable: false));
    }
}
