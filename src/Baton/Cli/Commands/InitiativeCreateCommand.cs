using System.CommandLine;
using Baton.Core.Initiatives;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton initiative create --name N --repo PATH [--base REF] [--max-parallel N]</c>: an initiative to fill step by
/// step (<c>baton stream add</c>, <c>baton stream add-task</c>), then <c>baton initiative start</c>.
/// </summary>
internal static class InitiativeCreateCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The initiative's name; it names its branches (baton/NAME/...)", Required = true };
        var repo = new Option<string>("--repo") { Description = "The git repository it works on (default: the current directory's)" };
        var baseRef = new Option<string?>("--base") { Description = "The ref its branch starts from (default: the repository's HEAD when it starts)", HelpName = "REF" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many parallel streams (default 5, or baton.json initiative_max_parallel)", HelpName = "N" };
        var json = CommandAction.JsonOption();
        var command = new Command("create", "Create an initiative to fill with streams and tasks; prints its id") { name, repo, baseRef, maxParallel, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var definition = new InitiativeDefinition(
                r.GetRequiredValue(name).Trim(), r.GetValue(repo) ?? Environment.CurrentDirectory, r.GetValue(baseRef)?.Trim(),
                r.GetValue(maxParallel) ?? runtime.Settings.InitiativeMaxParallel, []);
            var record = await runtime.Initiatives.CreateAsync(definition, CliRuntime.Caller, ct);
            if (r.GetValue(json))
            {
                InitiativeCommand.Print(await runtime.Initiatives.GetAsync(record.Id, ct), json: true);
            }
            else
            {
                Console.Out.WriteLine(record.Id);
                CliOutput.Note($"Initiative {record.Name} created on {record.Definition.Repository}; add streams with 'baton stream add {record.Name} --id ID --name NAME --phase foundation'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
