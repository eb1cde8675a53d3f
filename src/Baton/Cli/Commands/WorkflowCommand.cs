using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow ...</c>: build, run and follow workflows of phased tasks.</summary>
internal static class WorkflowCommand
{
    public static Command Create() => new("workflow", "Build, run and follow workflows: phases of tasks that run as their dependencies complete")
    {
        WorkflowRunCommand.Create(),
        WorkflowCreateCommand.Create(),
        WorkflowAddPhaseCommand.Create(),
        WorkflowAddTaskCommand.Create(),
        WorkflowStartCommand.Create(),
        WorkflowStatusCommand.Create(),
        WorkflowListCommand.Create(),
        WorkflowWaitCommand.Create(),
        WorkflowCancelCommand.Create(),
        WorkflowApproveCommand.Create(),
        WorkflowRejectCommand.Create(),
        WorkflowPauseCommand.Create(),
        WorkflowResumeCommand.Create(),
    };

    /// <summary>The common workflow id argument.</summary>
    public static Argument<string> IdArgument() => new("workflow-id") { Description = "Workflow id (or a unique prefix of at least 4 characters)" };

    /// <summary>A phase id argument.</summary>
    public static Argument<string> PhaseArgument(string description) => new("phase-id") { Description = description };
}
