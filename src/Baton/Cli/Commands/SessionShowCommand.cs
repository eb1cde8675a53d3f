using System.CommandLine;
using Baton.Core.Sessions;

namespace Baton.Cli.Commands;

/// <summary><c>baton session show ID [--json]</c>: one session, its attempts and its latest capsule in full.</summary>
internal static class SessionShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The session's id, as 'baton session list' shows it" };
        var json = CommandAction.JsonOption();
        var command = new Command("show", "Show a session: runner, agent, where, its tasks and attempts, tokens, cost and its latest capsule") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var session = await runtime.Sessions.GetAsync(r.GetRequiredValue(id), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(session, SessionViewJsonContext.Default.SessionView);
            }
            else
            {
                SessionPrinter.Show(session);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
