using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton worker drain NAME [--wait [--timeout S]]</c>: the node claims nothing new and finishes what runs (told
/// at once, through this machine's daemon or the database); with <c>--wait</c> the command returns once nothing runs
/// on it, so an upgrade can follow in a script. <c>baton worker resume NAME</c>: it claims work again. An unknown name exits 3 listing the
/// known ones.
/// </summary>
internal static class WorkerDrainCommand
{
    public static Command Create(bool drain)
    {
        var json = CommandAction.JsonOption();
        var name = new Argument<string>("name") { Description = "The worker's name (see 'baton workers')" };
        var wait = new Option<bool>("--wait") { Description = "Return once nothing runs on the worker any more (drained, or gone)" };
        var timeout = new Option<double?>("--timeout") { Description = "With --wait: give up after this many seconds (exit 124)", HelpName = "SECONDS" };
        var command = new Command(
            drain ? "drain" : "resume",
            drain ? "Stop a worker claiming new work; its running attempts finish (e.g. before upgrading it)" : "Let a drained worker claim work again")
        {
            name, json,
        };
        if (drain)
        {
            command.Options.Add(wait);
            command.Options.Add(timeout);
        }

        CommandAction.Set(command, json, async (r, ct) =>
        {
            var limit = drain ? WaitLimit(r.GetValue(wait), r.GetValue(timeout)) : null;
            var runtime = await CliRuntime.OpenAsync(ct);
            var workers = runtime.Workers;
            var view = drain ? await workers.DrainAsync(r.GetValue(name)!, ct) : await workers.ResumeAsync(r.GetValue(name)!, ct);
            if (limit is { } until)
            {
                if (await WaitDrainedAsync(workers, view.Name, until, ct) is not { } drained)
                {
                    CliOutput.Error($"worker {view.Name} is not drained after {until.TotalSeconds:0.#} s (it is drained once its running attempts end); it goes on draining");
                    return ExitCodes.WaitTimedOut;
                }

                view = drained;
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkerView);
            }
            else if (limit is not null)
            {
                Console.WriteLine(view.State == "gone"
                    ? $"Worker {view.Name} is gone: it has stopped."
                    : $"Worker {view.Name} is drained: nothing runs on it and it claims no new work, so it can be stopped.");
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

    /// <summary>How long --wait waits (infinite without --timeout); null without --wait.</summary>
    private static TimeSpan? WaitLimit(bool wait, double? seconds) => (wait, seconds) switch
    {
        (false, null) => null,
        (false, _) => throw BatonException.Invalid("--timeout only applies with --wait; add --wait, or leave out --timeout"),
        (true, null) => Timeout.InfiniteTimeSpan,
        (true, > 0 and <= 31_536_000) => TimeSpan.FromSeconds(seconds.Value),
        _ => throw BatonException.Invalid($"--timeout must be a number of seconds above 0 and at most a year (31536000), not {seconds}; e.g. --timeout 600"),
    };

    /// <summary>
    /// Polls the registry until the node says it is drained (it beats at once when its last attempt ends) or is
    /// gone; null if <paramref name="limit"/> passes first; a conflict if somebody resumes it meanwhile.
    /// </summary>
    private static async Task<WorkerView?> WaitDrainedAsync(WorkerService workers, string name, TimeSpan limit, CancellationToken ct)
    {
        var time = TimeProvider.System;
        var begun = time.GetTimestamp();
        while (true)
        {
            var now = await CurrentAsync(workers, name, ct);
            if (now is { State: "gone" } || now?.DrainedAt is not null)
            {
                return now;
            }

            if (now is { State: "active" })
            {
                throw new BatonException(ErrorKind.Conflict, $"worker {name} was resumed while this command waited for it to drain; drain it again to go on");
            }

            if (limit != Timeout.InfiniteTimeSpan && time.GetElapsedTime(begun) >= limit)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }
    }

    private static async Task<WorkerView?> CurrentAsync(WorkerService workers, string name, CancellationToken ct) =>
        (await workers.ListAsync(ct)).Workers.FirstOrDefault(w => w.Name == name);
}
