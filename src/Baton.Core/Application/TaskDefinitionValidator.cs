using Baton.Core.Application.Fields;
using Baton.Core.Errors;
using Baton.Core.Processes;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// Checks a task before it is stored, with messages that name the field and say how to fix it. The limits are the
/// fields' own (<see cref="TaskFields"/>), so every interface that queues a task allows exactly the same.
/// </summary>
public static class TaskDefinitionValidator
{
    private static readonly int MaxNameLength = TaskFields.Name.MaxLength!.Value;
    private static readonly int MaxTagLength = TaskFields.Tags.MaxLength!.Value;
    private static readonly int MaxTimeoutSeconds = TaskFields.TimeoutSeconds.Maximum!.Value;
    private static readonly int MaxRetriesLimit = TaskFields.MaxRetries.Maximum!.Value;
    private static readonly int MaxIdempotencyKeyLength = TaskFields.IdempotencyKey.MaxLength!.Value;

    /// <summary>The largest prompt accepted, in UTF-8 bytes (256 KiB).</summary>
    public const int MaxPromptBytes = TaskFields.MaxPromptBytes;

    /// <summary>Throws <see cref="BatonException"/> (invalid input) for the first problem found.</summary>
    /// <param name="definition">The task.</param>
    /// <param name="knownRunners">Runner names that exist.</param>
    /// <param name="searchPath">PATH used to check that a command's program exists.</param>
    public static void Validate(TaskDefinition definition, IReadOnlyList<string> knownRunners, string? searchPath)
    {
        Require(!string.IsNullOrWhiteSpace(definition.Name), "name must not be empty");
        Require(definition.Name.Length <= MaxNameLength, $"name is {definition.Name.Length} characters; the limit is {MaxNameLength}");
        Require(knownRunners.Contains(definition.Runner),
            $"unknown runner '{definition.Runner}'; use one of: {string.Join(", ", knownRunners)}");
        Require(Path.IsPathFullyQualified(definition.WorkingDirectory),
            $"working directory '{definition.WorkingDirectory}' must be an absolute path");
        // A task that requires labels runs on a node that has them, often another machine: its directory and program
        // are that node's, checked there when it claims the task (an attempt that cannot start fails saying why).
        var checkedHere = definition.RequiresLabels.Count == 0;
        Require(!checkedHere || Directory.Exists(definition.WorkingDirectory),
            $"working directory '{definition.WorkingDirectory}' does not exist; create it or pass another with --cwd");
        Require(definition.TimeoutSeconds is not { } timeout || (timeout >= TaskFields.TimeoutSeconds.Minimum && timeout <= MaxTimeoutSeconds),
            $"timeout must be between 1 and {MaxTimeoutSeconds} seconds (got {definition.TimeoutSeconds})");
        Require(definition.InputTimeoutSeconds is not { } inputTimeout
                || (inputTimeout >= TaskFields.InputTimeoutSeconds.Minimum && inputTimeout <= TaskFields.InputTimeoutSeconds.Maximum),
            $"input timeout must be between 1 and {TaskFields.InputTimeoutSeconds.Maximum} seconds (got {definition.InputTimeoutSeconds})");
        Require(definition.BudgetUsd is not { } budget || (budget >= TaskFields.MinBudgetUsd && budget <= TaskFields.MaxBudgetUsd),
            $"budget must be between ${TaskFields.MinBudgetUsd} and ${TaskFields.MaxBudgetUsd} (got ${definition.BudgetUsd})");
        Require(definition.OnInputTimeout is not { } onTimeout || Enum.IsDefined(onTimeout), "on_input_timeout must be one of deny, fail, pause");
        Require(definition.MaxRetries >= TaskFields.MaxRetries.Minimum && definition.MaxRetries <= MaxRetriesLimit,
            $"max retries must be between 0 and {MaxRetriesLimit} (got {definition.MaxRetries})");
        Require(Enum.IsDefined(definition.Priority), "priority must be one of critical, high, normal, low");
        Require(definition.IdempotencyKey is null || (definition.IdempotencyKey.Length > 0 && definition.IdempotencyKey.Length <= MaxIdempotencyKeyLength),
            $"idempotency key must be 1 to {MaxIdempotencyKeyLength} characters");
        RequireLength(TaskFields.AgentName, definition.AgentName);
        RequireLength(TaskFields.Model, definition.Model);
        RequireLength(TaskFields.WorkingDirectory, definition.WorkingDirectory);
        RequireCount(TaskFields.Tags, definition.Tags.Count);
        Workers.WorkerLabels.Validate(definition.RequiresLabels, TaskFields.RequiresLabels.Name);
        RequireList(TaskFields.DependsOn, definition.DependsOn);
        RequireMap(TaskFields.Metadata, definition.Metadata);
        SessionSources.RequireRunnerCan(definition);
        RequireMap(TaskFields.Environment, definition.Environment);
        if (definition.Program is { } program)
        {
            RequireList(TaskFields.Command, [program, .. definition.Arguments]);
        }

        foreach (var tag in definition.Tags)
        {
            Require(tag.Length > 0 && tag.Length <= MaxTagLength && !tag.Any(char.IsWhiteSpace),
                $"tag '{tag}' must be 1 to {MaxTagLength} characters without spaces");
        }

        foreach (var key in definition.Environment.Keys)
        {
            Require(key.Length > 0 && !key.Contains('=', StringComparison.Ordinal) && !key.Contains('\0', StringComparison.Ordinal),
                $"environment variable name '{key}' is not valid; use NAME=value");
        }

        foreach (var key in definition.Metadata.Keys)
        {
            Require(key.Length > 0, "metadata keys must not be empty; use key=value");
        }

        if (definition.Runner == CommandRunner.RunnerName)
        {
            ValidateCommand(definition, searchPath, checkedHere);
        }
        else if (definition.Runner == Runners.Merge.MergeRunner.RunnerName)
        {
            // The merge runner merges the branches named in its arguments into its own named worktree's branch.
            Require(definition.Worktree && definition.WorktreeBranch is not null,
                "a merge task merges into a named worktree: give it --worktree and a worktree branch");
            Require(definition.Program is null && definition.Instructions is null, "a merge task takes the branches to merge as its arguments, not a program or a prompt");
        }
        else
        {
            ValidateAgent(definition);
        }
    }

    private static void ValidateCommand(TaskDefinition definition, string? searchPath, bool resolveProgram)
    {
        Require(!string.IsNullOrEmpty(definition.Program), "a command task needs a program: baton task add -- PROGRAM [ARGS...]");
        Require(!definition.Arguments.Prepend(definition.Program!).Concat(definition.Environment.Values).Any(a => a.Contains('\0', StringComparison.Ordinal)),
            "arguments and environment values must not contain NUL characters");
        var path = definition.Environment.GetValueOrDefault("PATH") ?? searchPath;
        if (resolveProgram && ProgramResolver.Resolve(definition.Program!, definition.WorkingDirectory, path, out var problem) is null)
        {
            throw BatonException.Invalid(problem!);
        }
    }

    private static void ValidateAgent(TaskDefinition definition)
    {
        Require(!string.IsNullOrWhiteSpace(definition.Instructions),
            $"a {definition.Runner} task needs a prompt: --prompt TEXT or --prompt-file FILE");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(definition.Instructions!);
        Require(bytes <= MaxPromptBytes, $"the prompt is {bytes / 1024} KiB; the limit is {MaxPromptBytes / 1024} KiB");
        Require(definition.Program is null, $"a {definition.Runner} task runs its agent CLI, not a program; drop the command after --");
    }

    // Messages are built only for a refusal: these run for every item of every task queued.
    private static void RequireLength(TaskField field, string? text, string? where = null)
    {
        if (text is not null && text.Length > field.MaxLength)
        {
            throw BatonException.Invalid($"{where ?? field.Name} is {text.Length} characters long; the limit is {field.MaxLength}");
        }
    }

    private static void RequireCount(TaskField field, int count)
    {
        if (count > field.MaxItems)
        {
            throw BatonException.Invalid($"{field.Name} has {count} {(field.Kind == TaskFieldKind.TextMap ? "entries" : "items")}; the limit is {field.MaxItems}");
        }
    }

    private static void RequireList(TaskField field, IReadOnlyList<string> items)
    {
        RequireCount(field, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length > field.MaxLength)
            {
                RequireLength(field, items[i], $"{field.Name}[{i}]");
            }
        }
    }

    private static void RequireMap(TaskField field, IReadOnlyDictionary<string, string> map)
    {
        RequireCount(field, map.Count);
        foreach (var (key, value) in map)
        {
            if (key.Length > field.MaxKeyLength)
            {
                throw BatonException.Invalid($"{field.Name} has a name of {key.Length} characters; the limit is {field.MaxKeyLength}");
            }

            if (value.Length > field.MaxLength)
            {
                RequireLength(field, value, $"{field.Name}.{key}");
            }
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw BatonException.Invalid(message);
        }
    }
}
