using Baton.Core.Errors;
using Baton.Core.Processes;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>Checks a task before it is stored, with messages that name the field and say how to fix it.</summary>
public static class TaskDefinitionValidator
{
    private const int MaxNameLength = 200;
    private const int MaxTagLength = 64;
    private const int MaxTimeoutSeconds = 30 * 24 * 3600;
    private const int MaxRetriesLimit = 100;

    /// <summary>The largest prompt accepted, in UTF-8 bytes (256 KiB).</summary>
    public const int MaxPromptBytes = 256 * 1024;

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
        Require(Directory.Exists(definition.WorkingDirectory),
            $"working directory '{definition.WorkingDirectory}' does not exist; create it or pass another with --cwd");
        Require(definition.TimeoutSeconds is null or (> 0 and <= MaxTimeoutSeconds),
            $"timeout must be between 1 and {MaxTimeoutSeconds} seconds (got {definition.TimeoutSeconds})");
        Require(definition.MaxRetries is >= 0 and <= MaxRetriesLimit,
            $"max retries must be between 0 and {MaxRetriesLimit} (got {definition.MaxRetries})");
        Require(Enum.IsDefined(definition.Priority), "priority must be one of critical, high, normal, low");
        Require(definition.IdempotencyKey is null || (definition.IdempotencyKey.Length is > 0 and <= 200),
            "idempotency key must be 1 to 200 characters");

        foreach (var tag in definition.Tags)
        {
            Require(tag.Length is > 0 and <= MaxTagLength && !tag.Any(char.IsWhiteSpace),
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
            ValidateCommand(definition, searchPath);
        }
        else
        {
            ValidateAgent(definition);
        }
    }

    private static void ValidateCommand(TaskDefinition definition, string? searchPath)
    {
        Require(!string.IsNullOrEmpty(definition.Program), "a command task needs a program: baton task add -- PROGRAM [ARGS...]");
        Require(!definition.Arguments.Prepend(definition.Program!).Concat(definition.Environment.Values).Any(a => a.Contains('\0', StringComparison.Ordinal)),
            "arguments and environment values must not contain NUL characters");
        var path = definition.Environment.GetValueOrDefault("PATH") ?? searchPath;
        if (ProgramResolver.Resolve(definition.Program!, definition.WorkingDirectory, path, out var problem) is null)
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

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw BatonException.Invalid(message);
        }
    }
}
