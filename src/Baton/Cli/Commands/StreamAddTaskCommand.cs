using System.CommandLine;
using Baton.Core.Errors;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton stream add-task INITIATIVE STREAM (--agent A --prompt P | -- COMMAND ...)</c>: appends a task to a stream,
/// with the options of <c>baton task add</c>. It will work in the stream's worktree, after the stream's earlier tasks.
/// </summary>
internal static class StreamAddTaskCommand
{
    public static Command Create()
    {
        var initiative = InitiativeCommand.IdArgument();
        var stream = new Argument<string>("stream") { Description = "The stream's id" };
        var options = new TaskOptions("Not for stream tasks: they run one after another in the stream's order");
        var json = CommandAction.JsonOption();
        var command = new Command("add-task", "Append a command, or an agent with --agent and --prompt, to a stream of an initiative that has not started") { initiative, stream };
        options.AddOptionsTo(command);
        command.Options.Add(json);
        command.Arguments.Add(options.Command);
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var record = await runtime.Initiatives.ResolveAsync(r.GetRequiredValue(initiative), ct);
            var streamId = r.GetRequiredValue(stream);
            var request = options.Request(r, $"baton stream add-task {record.Name} {streamId}");
            if (request.DependsOn is { Count: > 0 })
            {
                throw BatonException.Invalid("a stream's tasks run one after another in order; make streams wait for each other with 'baton stream add --depends-on' instead of --depends-on");
            }

            var repository = record.Definition.Repository;
            var definition = AgentTasks.Builder(runtime.Settings, repository).Build(request with { WorkingDirectory = repository });
            runtime.Tasks.Validate(definition, Environment.GetEnvironmentVariable("PATH"));
            var updated = await runtime.Initiatives.AddTaskAsync(record.Id, streamId, definition, ct);
            var count = updated.Definition.Streams.First(s => s.Id == streamId).Tasks.Count;
            if (r.GetValue(json))
            {
                InitiativeCommand.Print(await runtime.Initiatives.GetAsync(record.Id, ct), json: true);
            }
            else
            {
                CliOutput.Note($"Task {count} of stream {streamId} added: {definition.Name}; start the initiative with 'baton initiative start {record.Name}'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
