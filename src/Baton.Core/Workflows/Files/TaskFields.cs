using Baton.Core.Application;
using Baton.Core.Tasks;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// Reads a task of a workflow file, or the file's <c>defaults:</c>, into a <see cref="TaskRequest"/>, with the brief's
/// snake_case field names. Values are checked here (not only when the task is built) so that a problem names its line.
/// </summary>
internal static class TaskFields
{
    /// <summary>The task options that <c>defaults:</c> may set for every task.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } =
    [
        "runner", "model", "priority", "timeout_seconds", "max_retries", "retry_backoff", "retry_on_timeout",
        "tags", "metadata", "working_directory", "env", "worktree", "keep_worktree",
    ];

    /// <summary>Every key a task may have.</summary>
    public static IReadOnlyList<string> TaskKeys { get; } =
        ["id", "name", "agent_name", "agent_instructions", "command", "depends_on", "idempotency_key", .. OptionKeys];

    /// <summary>Why a key of a task cannot be a default, or null for a key that is simply unknown.</summary>
    public static string? RefuseAsDefault(string key) => TaskKeys.Contains(key, StringComparer.Ordinal)
        ? $"'{key}' cannot be set under defaults: it belongs to each task; set it on the tasks instead"
        : null;

    /// <summary>The options of <paramref name="fields"/> (a task or <c>defaults:</c>); unset ones are null.</summary>
    public static TaskRequest ReadOptions(YamlFields fields)
    {
        var priority = fields.Text("priority");
        if (priority is not null && !TaskPriorities.TryParse(priority, out _))
        {
            throw fields.Error("priority", $"{fields.Where("priority")} '{priority}' is not one of {string.Join(", ", TaskPriorities.AllNames)}");
        }

        var backoff = fields.Text("retry_backoff");
        if (backoff is not null && !RetryBackoffs.TryParse(backoff, out _))
        {
            throw fields.Error("retry_backoff", $"{fields.Where("retry_backoff")} '{backoff}' is not one of {string.Join(", ", RetryBackoffs.AllNames)}");
        }

        return new TaskRequest
        {
            Runner = fields.Text("runner"),
            Model = fields.Text("model"),
            Priority = priority,
            TimeoutSeconds = fields.Integer("timeout_seconds", 1),
            MaxRetries = fields.Integer("max_retries", 0),
            RetryBackoff = backoff,
            RetryOnTimeout = fields.Flag("retry_on_timeout"),
            Tags = fields.List("tags"),
            Metadata = fields.Map("metadata"),
            WorkingDirectory = fields.Text("working_directory"),
            Environment = fields.Map("env"),
            Worktree = fields.Flag("worktree"),
            KeepWorktree = fields.Flag("keep_worktree"),
        };
    }

    /// <summary>A task, with <paramref name="defaults"/> filling what it leaves unset.</summary>
    public static TaskDocument ReadTask(YamlFields fields, TaskRequest defaults)
    {
        var hasInstructions = fields.Has("agent_instructions");
        var hasCommand = fields.Has("command");
        if (hasInstructions == hasCommand)
        {
            throw fields.Error(hasCommand
                ? $"{fields.Where("command")}: a task runs either an agent (agent_instructions) or a command, not both"
                : $"{fields.Path} says nothing to run: give it agent_name and agent_instructions for an agent, or command for a program");
        }

        if (fields.Has("agent_name") && !hasInstructions)
        {
            throw fields.Error("agent_name", $"{fields.Where("agent_name")} is set but the task has no agent_instructions (the prompt)");
        }

        var key = fields.Text("id");
        if (key is not null && string.IsNullOrWhiteSpace(key))
        {
            throw fields.Error("id", $"{fields.Where("id")} is blank; give the task a short id such as 'design', or remove the line");
        }

        var options = ReadOptions(fields);
        var command = hasCommand ? Command(fields) : null;
        var request = new TaskRequest
        {
            // Unnamed, a task is shown by its id, or by its shell line (not "sh -c ..."); the builder names the rest.
            Name = fields.Text("name") ?? key?.Trim() ?? (fields.IsScalar("command") ? OneLine(command![2]) : null),
            AgentName = fields.Text("agent_name"),
            AgentInstructions = hasInstructions ? fields.RequiredText("agent_instructions", "agent_instructions: \"Review the change\"") : null,
            Command = command,
            DependsOn = fields.List("depends_on") ?? [],
            IdempotencyKey = fields.Text("idempotency_key"),
        };
        return new TaskDocument(key?.Trim(), WithDefaults(request, options, defaults))
        {
            Location = $"{fields.Context.SourceName}:{FileContext.LineOf(fields.Node)}",
        };
    }

    /// <summary>
    /// The task's options, else the defaults'. Maps (env, metadata) are merged key by key, the task's value winning, so
    /// that a task can add one variable without repeating the shared ones.
    /// </summary>
    private static TaskRequest WithDefaults(TaskRequest request, TaskRequest own, TaskRequest defaults) => request with
    {
        Runner = own.Runner ?? defaults.Runner,
        Model = own.Model ?? defaults.Model,
        Priority = own.Priority ?? defaults.Priority,
        TimeoutSeconds = own.TimeoutSeconds ?? defaults.TimeoutSeconds,
        MaxRetries = own.MaxRetries ?? defaults.MaxRetries,
        RetryBackoff = own.RetryBackoff ?? defaults.RetryBackoff,
        RetryOnTimeout = own.RetryOnTimeout ?? defaults.RetryOnTimeout,
        Tags = own.Tags ?? defaults.Tags,
        Metadata = Merge(defaults.Metadata, own.Metadata),
        WorkingDirectory = own.WorkingDirectory ?? defaults.WorkingDirectory,
        Environment = Merge(defaults.Environment, own.Environment),
        Worktree = own.Worktree ?? defaults.Worktree,
        KeepWorktree = own.KeepWorktree ?? defaults.KeepWorktree,
    };

    private static IReadOnlyDictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? defaults, IReadOnlyDictionary<string, string>? own)
    {
        if (defaults is null || own is null)
        {
            return own ?? defaults;
        }

        var merged = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        foreach (var (name, value) in own)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }

    // A string runs through the shell, as people write commands in YAML; a list is the argv itself, with no shell.
    private static IReadOnlyList<string> Command(YamlFields fields)
    {
        if (fields.IsScalar("command"))
        {
            return ["sh", "-c", fields.RequiredText("command", "command: \"make test\"")];
        }

        var argv = fields.List("command")!;
        return argv.Count > 0 && argv[0].Length > 0
            ? argv
            : throw fields.Error("command", $"{fields.Where("command")} is an empty list; write the program and its arguments, e.g. [make, test], or one string for the shell");
    }
}
