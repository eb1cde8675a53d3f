using System.CommandLine;
using Baton.Cli.Commands;

namespace Baton.Cli;

/// <summary>The command tree. Parse errors exit 2 with the parser's message and a pointer to --help.</summary>
internal static class BatonCli
{
    public static RootCommand Build()
    {
        var task = new Command("task", "Queue, inspect and control tasks")
        {
            TaskAddCommand.Create(),
            TaskStatusCommand.Create(),
            TaskListCommand.Create(),
            TaskLogsCommand.Create(),
            TaskResultCommand.Create(),
            TaskCancelCommand.Create(),
            TaskRetryCommand.Create(),
            TaskWaitCommand.Create(),
            TaskContinueCommand.Create(),
        };
        return new RootCommand("Baton: a durable orchestrator for coding agents and commands")
        {
            ServeCommand.Create(),
            task,
            WorkflowCommand.Create(),
            WatchCommand.Create(),
            TokenCommand.Create(),
            WebhookCommand.Create(),
            AgentsCommand.Create(() => Configuration.SettingsLoader.Load().AgentDirectories),
            DoctorCommand.Create(),
            McpCommand.Create(),
            InitCommand.Create(),
            NotificationsCommand.Create(),
            MilestoneCommand.Create(),
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                CliOutput.Error(error.Message);
            }

            CliOutput.Note($"Run '{string.Join(' ', ["baton", .. CommandPath(parseResult)])} --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        // The daemon handles SIGTERM and Ctrl+C itself (graceful shutdown); other commands just end.
        return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static IEnumerable<string> CommandPath(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
