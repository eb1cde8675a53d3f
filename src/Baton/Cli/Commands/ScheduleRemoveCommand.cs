using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule remove NAME</c>: delete a schedule and its history; its tasks stay.</summary>
internal static class ScheduleRemoveCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var command = new Command("remove", "Remove a schedule and its history (tasks it queued stay, running ones go on)") { name };
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            await runtime.Schedules.RemoveAsync(r.GetRequiredValue(name), ct);
            Console.Out.WriteLine($"Schedule {r.GetRequiredValue(name)} removed");
            return ExitCodes.Success;
        });
        return command;
    }
}
