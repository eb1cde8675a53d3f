using System.CommandLine;
using Baton.Core.Errors;
using Baton.Core.Initiatives;

namespace Baton.Cli.Commands;

/// <summary><c>baton stream add INITIATIVE --id ID --name NAME --phase P [--depends-on ID]...</c>: a stream without tasks yet.</summary>
internal static class StreamAddCommand
{
    public static Command Create()
    {
        var initiative = InitiativeCommand.IdArgument();
        var id = new Option<string>("--id") { Description = "The stream's id; it names its branch (baton/INITIATIVE/ID)", Required = true };
        var name = new Option<string?>("--name") { Description = "What people call it (default: its id)" };
        var phase = new Option<string>("--phase") { Description = "When it runs: foundation (first), parallel (side by side, each in its own worktree) or integration (last)", Required = true };
        phase.AcceptOnlyFromAmong("foundation", "parallel", "integration");
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A stream that must complete first, beyond what its phase implies (repeatable)", HelpName = "STREAM_ID" };
        var json = CommandAction.JsonOption();
        var command = new Command("add", "Add a stream to an initiative that has not started") { initiative, id, name, phase, dependsOn, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var streamId = r.GetRequiredValue(id).Trim();
            if (!StreamPhases.TryParse(r.GetRequiredValue(phase), out var streamPhase))
            {
                throw BatonException.Invalid("--phase must be foundation, parallel or integration");
            }

            var stream = new StreamDefinition(streamId, r.GetValue(name)?.Trim() is { Length: > 0 } n ? n : streamId, streamPhase,
                [.. (r.GetValue(dependsOn) ?? []).Select(d => d.Trim())], []);
            var record = await runtime.Initiatives.AddStreamAsync(r.GetRequiredValue(initiative), stream, ct);
            if (r.GetValue(json))
            {
                InitiativeCommand.Print(await runtime.Initiatives.GetAsync(record.Id, ct), json: true);
            }
            else
            {
                CliOutput.Note($"Stream {streamId} added to {record.Name}; give it tasks with 'baton stream add-task {record.Name} {streamId} --agent NAME --prompt TEXT' (or -- PROGRAM ARGS)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
