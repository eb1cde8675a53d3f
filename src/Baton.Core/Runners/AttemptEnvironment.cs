namespace Baton.Core.Runners;

/// <summary>The environment an attempt's process gets: the daemon's, the task's additions, and Baton's own variables.</summary>
public static class AttemptEnvironment
{
    /// <summary>Builds the environment for one attempt.</summary>
    public static Dictionary<string, string> Build(IReadOnlyDictionary<string, string> baseEnvironment, AttemptContext context)
    {
        var environment = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in context.Task.Definition.Environment)
        {
            environment[key] = value;
        }

        environment["BATON_TASK_ID"] = context.Task.Id;
        environment["BATON_ATTEMPT"] = context.Attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        SetOrRemove(environment, "BATON_WORKFLOW_ID", context.Task.Definition.WorkflowId);
        SetOrRemove(environment, "BATON_PHASE_ID", context.Task.Definition.PhaseId);
        // What the task's dependencies produced (an agent gets it in its prompt instead).
        SetOrRemove(environment, "BATON_UPSTREAM", context.Task.UpstreamContext);
        return environment;
    }

    // Removing keeps a daemon started from inside a workflow task from passing its own values on.
    private static void SetOrRemove(Dictionary<string, string> environment, string name, string? value)
    {
        if (value is null)
        {
            environment.Remove(name);
        }
        else
        {
            environment[name] = value;
        }
    }

    /// <summary>The current process's environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> OfCurrentProcess()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return result;
    }
}
