using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton initiative ...</c>: work on one repository split into streams (foundation, parallel, integration).</summary>
internal static class InitiativeCommand
{
    public static Command Create() => new("initiative", "Run an initiative: work on a git repository split into streams, each in its own worktree and branch")
    {
        InitiativeRunCommand.Create(),
        InitiativeCreateCommand.Create(),
        InitiativeStartCommand.Create(),
        InitiativeStatusCommand.Create(),
        InitiativeListCommand.Create(),
        InitiativeActionCommands.Cancel(),
        InitiativeActionCommands.Archive(),
        InitiativeActionCommands.Unarchive(),
    };

    /// <summary>The initiative, as every subcommand takes it.</summary>
    public static Argument<string> IdArgument() => new("initiative") { Description = "The initiative's id (ini_...) or name (see 'baton initiative list')" };

    /// <summary>Prints an initiative as JSON or for people.</summary>
    public static void Print(Core.Initiatives.InitiativeStatus status, bool json)
    {
        var view = Core.Initiatives.Views.InitiativeView.Of(status);
        if (json)
        {
            CliOutput.Json(view, Core.Initiatives.Views.InitiativeViewJsonContext.Default.InitiativeView);
        }
        else
        {
            Output.InitiativePrinter.Print(view);
        }
    }
}
