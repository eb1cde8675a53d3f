using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Workflows;
using Baton.Core.Workflows.Files;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton workflow run FILE [--var KEY=VALUE]... [--budget USD]</c>: create and start a whole workflow from a YAML file in one
/// step. Everything is checked before anything is created (or a daemon started): the file, every task, the graph.
/// </summary>
internal static class WorkflowRunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The workflow file (YAML; see examples/workflows/)" };
        var vars = new Option<string[]>("--var") { Description = "KEY=VALUE for {{vars.KEY}} in the file; wins over the file's vars: (repeatable)", HelpName = "KEY=VALUE" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var budget = WorkflowBudgetOption.Create("The most all the workflow's tasks may cost together (USD, estimated for Codex and Gemini); wins over the file's budget_usd");
        var json = CommandAction.JsonOption();
        var command = new Command("run", "Create and start a workflow from a YAML file; prints the workflow id at once")
        {
            file, vars, noStart, budget, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var source = r.GetRequiredValue(file);
            var document = WorkflowFile.Parse(await ReadAsync(source, ct), source, KeyValues.Parse(r.GetValue(vars), "--var"));
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflow = runtime.Workflows.NewWorkflow(document.Settings with { CreatedBy = CliRuntime.Caller, BudgetUsd = r.GetValue(budget) ?? document.Settings.BudgetUsd }, WorkflowState.Running, TimeProvider.System.GetUtcNow());
            var searchPath = Environment.GetEnvironmentVariable("PATH");
            var blueprint = await Daemon.WorkflowFileBlueprints.BuildAsync(document, workflow, AgentTasks.Builder(runtime.Settings), runtime.Tasks, source, searchPath, ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var created = await runtime.Workflows.RunAsync(blueprint, searchPath, ct);
            var message = $"Workflow {created.Id} is running ({WorkflowPrinter.Count(blueprint.Phases.Count, "phase")}, {WorkflowPrinter.Count(blueprint.Tasks.Count, "task")}); "
                + $"follow it with 'baton workflow status {created.Id}', or block until it ends with 'baton workflow wait {created.Id}'";
            if (r.GetValue(json))
            {
                CliOutput.Json(new WorkflowCreatedView(created.Id, created.Status.ToWire(), message), ViewJsonContext.Default.WorkflowCreatedView);
            }
            else
            {
                Console.Out.WriteLine(created.Id);
                CliOutput.Note(message);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads a YAML file named on the command line; <paramref name="what"/> names it in errors ("workflow", "initiative").</summary>
    internal static async Task<string> ReadAsync(string source, CancellationToken cancellationToken, string what = "workflow")
    {
        var path = Path.GetFullPath(source);
        if (!File.Exists(path))
        {
            throw BatonException.Invalid(Directory.Exists(path)
                ? $"'{source}' is a directory; give the {what} file itself (a .yaml file)"
                : $"{what} file '{source}' does not exist (looked for {path})");
        }

        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw BatonException.Invalid($"cannot read {what} file '{source}' ({ex.Message}); check that it is readable");
        }
    }
}
