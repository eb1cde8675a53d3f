using Baton.Core.Application;
using Baton.Core.Tasks;
using Field = Baton.Core.Application.Fields.TaskFields;
using FieldSurfaces = Baton.Core.Application.Fields.TaskFieldSurfaces;
using FieldTimes = Baton.Core.Application.Fields.TaskFieldTimes;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// Reads a task of a workflow file, or the file's <c>defaults:</c>, into a <see cref="TaskRequest"/>. Its keys are the
/// task fields' wire names (<see cref="Application.Fields.TaskFields"/>), plus the file's own <c>id</c>; values are
/// checked here (not only when the task is built) so that a problem names its line.
/// </summary>
internal static class TaskFields
{
    /// <summary>Fields that describe one task, which <c>defaults:</c> cannot set for all.</summary>
    private static readonly string[] PerTask =
    [
        Field.Name.Name, Field.AgentName.Name, Field.AgentInstructions.Name, Field.Command.Name, Field.DependsOn.Name, Field.IdempotencyKey.Name,
    ];

    /// <summary>The task options that <c>defaults:</c> may set for every task.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } =
    [
        .. Field.On(FieldSurfaces.Yaml)
            .Where(f => f.OnWorkflowTasks && !PerTask.Contains(f.Name, StringComparer.Ordinal))
            .SelectMany(f => f.YamlAliases.Prepend(f.Name)),
    ];

    /// <summary>Every key a task may have.</summary>
    public static IReadOnlyList<string> TaskKeys { get; } = ["id", .. PerTask, .. OptionKeys];

    /// <summary>Why a key of a task cannot be a default, or null for a key that is simply unknown.</summary>
    public static string? RefuseAsDefault(string key) => TaskKeys.Contains(key, StringComparer.Ordinal)
        ? $"'{key}' cannot be set under defaults: it belongs to each task; set it on the tasks instead"
        : RefuseOnTask(key);

    /// <summary>Why a task field cannot be written on a workflow's task, or null for a key that is simply unknown.</summary>
    public static string? RefuseOnTask(string key) => Field.On(FieldSurfaces.Yaml).Any(f => !f.OnWorkflowTasks && f.Name == key)
        ? key == Field.WebhookUrl.Name
            ? "'webhook_url' is taken by a task on its own, not by a workflow's tasks; subscribe to the workflow's events with 'baton webhook add URL --workflow ID' instead"
            : $"'{key}' is taken by a task on its own, not by a workflow's tasks; remove it"
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

        var onInputTimeout = fields.Text(Field.OnInputTimeout.Name);
        if (onInputTimeout is not null && !Interactions.InputTimeoutActions.TryParse(onInputTimeout, out _))
        {
            throw fields.Error(Field.OnInputTimeout.Name,
                $"{fields.Where(Field.OnInputTimeout.Name)} '{onInputTimeout}' is not one of {string.Join(", ", Field.OnInputTimeout.Choices)}");
        }

        return new TaskRequest
        {
            Runner = fields.Text("runner"),
            RunAt = RunAt(fields),
            Model = fields.Text("model"),
            Priority = priority,
            TimeoutSeconds = fields.Integer("timeout_seconds", Field.TimeoutSeconds.Minimum!.Value),
            MaxRetries = fields.Integer("max_retries", Field.MaxRetries.Minimum!.Value),
            InputTimeoutSeconds = fields.Integer(Field.InputTimeoutSeconds.Name, Field.InputTimeoutSeconds.Minimum!.Value),
            OnInputTimeout = onInputTimeout,
            BudgetUsd = fields.Amount(Field.BudgetUsd.Name),
            RetryBackoff = backoff,
            RetryOnTimeout = fields.Flag("retry_on_timeout"),
            Tags = fields.List("tags"),
            RequiresLabels = fields.List(Field.RequiresLabels.Name),
            Metadata = fields.Map("metadata"),
            WorkingDirectory = fields.Text("working_directory"),
            Environment = Environment(fields),
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
        InputTimeoutSeconds = own.InputTimeoutSeconds ?? defaults.InputTimeoutSeconds,
        OnInputTimeout = own.OnInputTimeout ?? defaults.OnInputTimeout,
        BudgetUsd = own.BudgetUsd ?? defaults.BudgetUsd,
        RetryBackoff = own.RetryBackoff ?? defaults.RetryBackoff,
        RetryOnTimeout = own.RetryOnTimeout ?? defaults.RetryOnTimeout,
        Tags = own.Tags ?? defaults.Tags,
        RequiresLabels = own.RequiresLabels ?? defaults.RequiresLabels,
        Metadata = Merge(defaults.Metadata, own.Metadata),
        WorkingDirectory = own.WorkingDirectory ?? defaults.WorkingDirectory,
        Environment = Merge(defaults.Environment, own.Environment),
        RunAt = own.RunAt ?? defaults.RunAt,
        Worktree = own.Worktree ?? defaults.Worktree,
        KeepWorktree = own.KeepWorktree ?? defaults.KeepWorktree,
    };

    // Files written before the key took the wire name say env; both at once would leave one of them ignored.
    private static IReadOnlyDictionary<string, string>? Environment(YamlFields fields)
    {
        if (fields.Has("env") && fields.Has(Field.Environment.Name))
        {
            throw fields.Error("env", $"{fields.Where("env")} and {fields.Where(Field.Environment.Name)} are the same setting; keep one of them");
        }

        return fields.Map(Field.Environment.Name) ?? fields.Map("env");
    }

    private static DateTimeOffset? RunAt(YamlFields fields)
    {
        var text = fields.Text(Field.RunAt.Name)?.Trim();
        if (text is null)
        {
            return null;
        }

        return FieldTimes.TryParse(text, out var time)
            ? time
            : throw fields.Error(Field.RunAt.Name, $"{fields.Where(Field.RunAt.Name)} '{text}' is not a time; write {FieldTimes.Example}");
    }

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
