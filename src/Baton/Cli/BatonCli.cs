using System.CommandLine;
using System.Globalization;
using Baton.Cli.Commands;
using Baton.Cli.Parsing;

namespace Baton.Cli;

/// <summary>The command tree. A bad command line exits 2 with its problems in plain words and a pointer to --help.</summary>
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
            TaskApproveCommand.Create(),
            TaskDenyCommand.Create(),
            TaskAnswerCommand.Create(),
            TaskInterveneCommand.Create(),
            TaskPauseCommand.Create(),
            TaskResumeCommand.Create(),
            TaskPriorityCommand.Create(),
            TaskForkCommand.Create(),
            TaskHandoffCommand.Create(),
        };
        return new RootCommand("Baton: a durable orchestrator for coding agents and commands")
        {
            ServeCommand.Create(),
            WorkerCommand.Create(),
            WorkersCommand.Create(),
            task,
            InboxCommand.Create(),
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
            DashboardCommand.Create(),
            ShareCommand.Create(),
            ScheduleCommand.Create(),
            StatsCommand.Create(),
            SessionCommand.Create(),
            InitiativeCommand.Create(),
            StreamCommand.Create(),
        };
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // The parser's own words are English whatever the machine's language, like every other message of Baton's.
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var root = Build();
        // '@' starts cron names (--cron @daily) and may start a prompt; it never names a response file here.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var problems = ParseProblems.Explain(parseResult);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                CliOutput.Error(problem);
            }

            CliOutput.Note($"Run '{CommandPath.Of(parseResult.CommandResult)} --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        // The daemon handles SIGTERM and Ctrl+C itself (graceful shutdown); other commands just end.
        return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
