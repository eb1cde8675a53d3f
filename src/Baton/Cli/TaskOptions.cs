using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Fields;
using Baton.Core.Errors;
using Baton.Core.Tasks;

namespace Baton.Cli;

/// <summary>
/// The options that describe a task (<c>baton task add</c>, <c>baton workflow add-task</c>): one per task field
/// (<see cref="TaskFields"/>, spelt as <see cref="TaskField.CliOption"/> says), turned into a <see cref="TaskRequest"/>
/// in one place, so that both commands accept and mean exactly what the other interfaces do.
/// </summary>
internal sealed class TaskOptions
{
    private readonly Option<string?> name = new(TaskFields.Name.CliOption) { Description = "A short name (default: the command line)" };
    private readonly Option<string> priority = new(TaskFields.Priority.CliOption) { Description = "critical, high, normal or low", DefaultValueFactory = _ => "normal" };
    private readonly Option<int?> timeout = new(TaskFields.TimeoutSeconds.CliOption) { Description = "Stop each attempt after this many seconds (status timed_out); time waiting for a person does not count", HelpName = "SECONDS" };
    private readonly Option<int?> inputTimeout = new(TaskFields.InputTimeoutSeconds.CliOption) { Description = "How long the agent's questions wait for a person before --on-input-timeout applies (default: wait)", HelpName = "SECONDS" };
    private readonly Option<string?> onInputTimeout = new(TaskFields.OnInputTimeout.CliOption) { Description = "What an input timeout does: deny (the agent carries on), fail or pause", HelpName = "ACTION" };
    private readonly Option<decimal?> budget = new(TaskFields.BudgetUsd.CliOption) { Description = "The most the task may cost in all (USD, estimated for Codex and Gemini); past it a person is asked to raise it, approve once, or cancel", HelpName = "USD" };
    private readonly Option<int> maxRetries = new(TaskFields.MaxRetries.CliOption) { Description = "Retries after a failed attempt", DefaultValueFactory = _ => 3 };
    private readonly Option<string> backoff = new(TaskFields.RetryBackoff.CliOption) { Description = "exponential (with full jitter), fixed or none", DefaultValueFactory = _ => "exponential" };
    private readonly Option<bool> retryOnTimeout = new(TaskFields.RetryOnTimeout.CliOption) { Description = "Retry attempts that time out, like failures" };
    private readonly Option<string[]> tags = new(TaskFields.Tags.CliOption) { Description = "A label for filtering (repeatable)", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> requiresLabels = new(TaskFields.RequiresLabels.CliOption) { Description = "A label a worker must have to run it: key or key=value (repeatable)", HelpName = "LABEL", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> metadata = new(TaskFields.Metadata.CliOption) { Description = "KEY=VALUE kept with the task (repeatable)" };
    private readonly Option<string?> cwd = new(TaskFields.WorkingDirectory.CliOption) { Description = "Working directory (default: the current one)", HelpName = "DIR" };
    private readonly Option<string[]> env = new(TaskFields.Environment.CliOption) { Description = "KEY=VALUE added to the environment (repeatable)" };
    private readonly Option<string?> runAt = new(TaskFields.RunAt.CliOption) { Description = "Do not start before: 2026-11-21T18:00Z, 18:30 (local), +10m", HelpName = "TIME" };
    private readonly Option<string?> idempotencyKey = new(TaskFields.IdempotencyKey.CliOption) { Description = "Queuing again with the same key returns the first task" };
    private readonly Option<string?> agentName = new(TaskFields.AgentName.CliOption) { Description = "Run this agent definition (see 'baton agents') instead of a command", HelpName = "NAME" };
    private readonly Option<string?> prompt = new(TaskFields.AgentInstructions.CliOption) { Description = "The agent's instructions", HelpName = "TEXT" };
    private readonly Option<string?> promptFile = new("--prompt-file") { Description = "Read the agent's instructions from a file", HelpName = "FILE" };
    private readonly Option<string?> runner = new(TaskFields.Runner.CliOption) { Description = "Override the agent's runner: claude, codex or gemini" };
    private readonly Option<string?> model = new(TaskFields.Model.CliOption) { Description = "Override the agent's model" };
    private readonly Option<bool> worktree = new(TaskFields.Worktree.CliOption) { Description = "Run in a git worktree of its own, on a new branch baton/<id>-<name>" };
    private readonly Option<bool> keepWorktree = new(TaskFields.KeepWorktree.CliOption) { Description = "Keep the worktree when the task ends (the branch is always kept)" };
    private readonly Option<string[]> dependsOn;

    /// <param name="dependsOnDescription">What --depends-on means for the command (any task, or a task of the same workflow).</param>
    public TaskOptions(string dependsOnDescription)
    {
        priority.AcceptOnlyFromAmong([.. TaskPriorities.AllNames]);
        backoff.AcceptOnlyFromAmong([.. RetryBackoffs.AllNames]);
        onInputTimeout.AcceptOnlyFromAmong([.. TaskFields.OnInputTimeout.Choices]);
        dependsOn = new Option<string[]>(TaskFields.DependsOn.CliOption) { Description = dependsOnDescription, HelpName = "TASK_ID" };
    }

    /// <summary>The program and its arguments, after <c>--</c>.</summary>
    public Argument<string[]> Command { get; } = new(TaskFields.Command.Name) { Description = "The program and its arguments (put them after --)", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>Every option, in the order --help lists them: the agent's first, then the task's.</summary>
    public IEnumerable<Option> All =>
    [
        agentName, prompt, promptFile, runner, model, worktree, keepWorktree,
        name, priority, timeout, inputTimeout, onInputTimeout, budget, maxRetries, backoff, retryOnTimeout, tags, requiresLabels, metadata, cwd, env, runAt, idempotencyKey, dependsOn,
    ];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddOptionsTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The task the options describe, built (agent resolved, defaults applied) and checked for what only the CLI can
    /// check. <paramref name="usage"/> is the command as the user types it, for messages (<c>baton task add</c>).
    /// </summary>
    public async Task<TaskDefinition> BuildAsync(ParseResult r, CliRuntime runtime, string usage, CancellationToken cancellationToken = default)
    {
        var definition = AgentTasks.Builder(runtime.Settings).Build(ToRequest(r, usage));
        await TaskPreparation.RequireRepositoryForWorktreeAsync(definition, cancellationToken);
        return definition;
    }

    /// <summary>
    /// The task the options describe, unbuilt, with its working directory made absolute: a schedule keeps this and
    /// builds it at each firing.
    /// </summary>
    public TaskRequest Request(ParseResult r, string usage)
    {
        var request = ToRequest(r, usage);
        return request with { WorkingDirectory = Path.GetFullPath(request.WorkingDirectory ?? Environment.CurrentDirectory) };
    }

    private TaskRequest ToRequest(ParseResult r, string usage)
    {
        var argv = r.GetValue(Command) ?? [];
        var isAgentTask = r.GetValue(agentName) is not null || r.GetValue(prompt) is not null || r.GetValue(promptFile) is not null;
        if (isAgentTask && argv.Length > 0)
        {
            throw BatonException.Invalid("an agent task runs its agent CLI, not a program; drop the command after --");
        }

        if (!isAgentTask && argv.Length == 0)
        {
            throw BatonException.Invalid($"say what to run: {usage} -- PROGRAM [ARGS...], or {usage} --agent NAME --prompt TEXT");
        }

        var runAtText = r.GetValue(runAt);
        return new TaskRequest
        {
            CreatedBy = CliRuntime.Caller,
            Name = r.GetValue(name),
            AgentName = r.GetValue(agentName),
            AgentInstructions = isAgentTask ? AgentTasks.ReadPrompt(r.GetValue(prompt), r.GetValue(promptFile)) : null,
            Command = isAgentTask ? null : argv,
            Runner = r.GetValue(runner),
            Model = r.GetValue(model),
            Priority = r.GetValue(priority),
            // Unset options leave the agent's own settings in force.
            TimeoutSeconds = r.GetResult(timeout) is null ? null : r.GetValue(timeout),
            InputTimeoutSeconds = r.GetResult(inputTimeout) is null ? null : r.GetValue(inputTimeout),
            OnInputTimeout = r.GetValue(onInputTimeout),
            BudgetUsd = r.GetValue(budget),
            MaxRetries = r.GetResult(maxRetries) is null ? null : r.GetValue(maxRetries),
            RetryBackoff = r.GetValue(backoff),
            RetryOnTimeout = r.GetValue(retryOnTimeout),
            Tags = r.GetValue(tags),
            RequiresLabels = r.GetValue(requiresLabels),
            Metadata = KeyValues.Parse(r.GetValue(metadata), TaskFields.Metadata.CliOption),
            WorkingDirectory = r.GetValue(cwd),
            Environment = KeyValues.Parse(r.GetValue(env), TaskFields.Environment.CliOption),
            RunAt = runAtText is null ? null : RunAtParser.Parse(runAtText, TimeProvider.System),
            IdempotencyKey = r.GetValue(idempotencyKey),
            DependsOn = r.GetValue(dependsOn),
            Worktree = r.GetValue(worktree),
            KeepWorktree = r.GetValue(keepWorktree),
        };
    }
}
