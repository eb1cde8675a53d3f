using System.CommandLine;
using Baton.Core.Errors;
using Baton.Core.Shares;
using Baton.Daemon;
using Baton.Dashboard;
using Baton.Shares;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton share create --task ID | --workflow ID [--expires 24h]</c>: prints the link once, alone on stdout. The
/// link points at the daemon's own address, so a daemon is started if none runs.
/// </summary>
internal static class ShareCreateCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task") { Description = "The task to share (id or a unique prefix)", HelpName = "ID" };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow to share (id or a unique prefix)", HelpName = "ID" };
        var expires = new Option<string?>("--expires") { Description = "How long the link works, like 30m, 24h or 7d (default 24h, at most 90d)", HelpName = "DURATION" };
        var json = CommandAction.JsonOption();
        var command = new Command("create", "Make a read-only link to a task or a workflow and print it (shown only this once)") { task, workflow, expires, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (taskId, workflowId) = (r.GetValue(task), r.GetValue(workflow));
            if ((taskId is null) == (workflowId is null))
            {
                throw BatonException.Invalid("give either --task ID or --workflow ID: a link shows one task or one workflow");
            }

            // Checked before anything is made or started.
            ShareService.Lifetime(r.GetValue(expires));
            var (shares, runtime) = await ShareCommand.OpenAsync(ct);
            var (kind, id) = taskId is not null
                ? (ShareTarget.Task, (await runtime.Tasks.GetAsync(taskId, ct)).Task.Id)
                : (ShareTarget.Workflow, (await runtime.Workflows.GetAsync(workflowId!, ct)).Contents.Workflow.Id);
            var (pid, _) = await Daemon.DaemonLauncher.EnsureRunningAsync(runtime.Settings, allowStart: true, ct);
            var address = await DaemonAddress.HttpBaseAsync(runtime.Settings, pid, ct);
            var created = await shares.CreateAsync(kind, id, r.GetValue(expires), CliRuntime.Caller, ct);
            var share = created.Share;
            var view = new CreatedShareView(share.Id, $"{address}/share/{created.Token}", new ShareTargetView(kind.ToWire(), id), share.CreatedBy, share.CreatedAt, share.ExpiresAt);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, DashboardJsonContext.Default.CreatedShareView);
            }
            else
            {
                CliOutput.Note($"Shared {kind.ToWire()} {id} read-only until {share.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm} ({share.Id}; 'baton share revoke {share.Id}' ends it). "
                    + "Anyone with this link can see it; it is shown only this once:");
                Console.Out.WriteLine(view.Url);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
