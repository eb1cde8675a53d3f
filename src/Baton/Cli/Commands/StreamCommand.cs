using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton stream ...</c>: the streams of an initiative that has not started yet.</summary>
internal static class StreamCommand
{
    public static Command Create() => new("stream", "Add streams, and their tasks, to an initiative before it starts")
    {
        StreamAddCommand.Create(),
        StreamAddTaskCommand.Create(),
    };
}
