using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton session ...</c>: the agent sessions Baton ran, with their tasks, usage and latest capsule.</summary>
internal static class SessionCommand
{
    public static Command Create() => new("session", "Agent sessions Baton ran: which tasks and attempts used each, tokens and cost, the latest capsule saved in it")
    {
        SessionListCommand.Create(),
        SessionShowCommand.Create(),
    };
}
