using System.CommandLine;
using Baton.Core.Initiatives;
using Baton.Core.Initiatives.Files;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton initiative run FILE</c>: create and start an initiative from a YAML file. Everything is checked before
/// anything is created: the file and its rules, the repository, every task.
/// </summary>
internal static class InitiativeRunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The initiative file (YAML: name, repository, streams with their tasks)" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("run", "Create and start an initiative from a YAML file; prints its id at once") { file, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var source = r.GetRequiredValue(file);
            var text = await WorkflowRunCommand.ReadAsync(source, ct, "initiative");
            var runtime = await CliRuntime.OpenAsync(ct);
            var document = InitiativeFile.Parse(text, source, runtime.Settings.InitiativeMaxParallel);
            var directory = Path.GetDirectoryName(Path.GetFullPath(source))!;
            var repository = await InitiativeRepository.ResolveAsync(document.Repository is { } written ? Path.Combine(directory, written) : directory, ct);
            var definition = document.ToDefinition(repository, AgentTasks.Builder(runtime.Settings, repository));
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var status = await runtime.Initiatives.RunAsync(definition, CliRuntime.Caller, Environment.GetEnvironmentVariable("PATH"), ct);
            Report(status, r.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Report(InitiativeStatus status, bool json)
    {
        if (json)
        {
            InitiativeCommand.Print(status, json: true);
            return;
        }

        var id = status.Initiative.Id;
        Console.Out.WriteLine(id);
        CliOutput.Note($"Initiative {status.Initiative.Name} is {status.Status} ({status.Streams.Count} streams); follow it with 'baton initiative status {id} --watch'");
    }
}
