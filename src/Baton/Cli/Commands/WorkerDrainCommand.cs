using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton worker drain NAME</c>: the node claims nothing new and finishes what runs (it learns so at its next
/// heartbeat); <c>baton worker resume NAME</c>: it claims work again. An unknown name exits 3 listing the known ones.
/// </summary>
internal static class WorkerDrainCommand
{
    public static Command Create(bool drain)
    {
        var json = CommandAction.JsonOption();
        var name = new Argument<string>("name") { Description = "The worker's name (see 'baton workers')" };
        var command = new Command(
            drain ? "drain" : "resume",
            drain ? "Stop a worker claiming new work; its running attempts finish (e.g. before upgrading it)" : "Let a drained worker claim work again")
        {
            name, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workers = runtime.Workers;
            var view = drain ? await workers.DrainAsync(r.GetValue(name)!, ct) : await workers.ResumeAsync(r.GetValue(name)!, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkerView);
            }
            else
            {
                Console.WriteLine(drain
                    ? $"Worker {view.Name} is draining: it claims no new work and finishes its {view.RunningAttempts} running attempt(s); 'baton workers' shows when it is drained."
                    : $"Worker {view.Name} claims work again.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
