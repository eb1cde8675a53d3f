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
        return environment;
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
