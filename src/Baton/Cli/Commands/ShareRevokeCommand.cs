using System.CommandLine;
using Baton.Dashboard;
using Baton.Shares;

namespace Baton.Cli.Commands;

/// <summary><c>baton share revoke ID</c>: the link shows nothing from now on, on every node.</summary>
internal static class ShareRevokeCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The share link's id (shr_..., as 'baton share list' shows it)" };
        var json = CommandAction.JsonOption();
        var command = new Command("revoke", "Revoke a share link; it shows nothing from now on") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (shares, _) = await ShareCommand.OpenAsync(ct);
            var revoked = ShareView.Of(await shares.RevokeAsync(r.GetRequiredValue(id), ct), TimeProvider.System.GetUtcNow());
            if (r.GetValue(json))
            {
                CliOutput.Json(revoked, DashboardJsonContext.Default.ShareView);
            }
            else
            {
                Console.Out.WriteLine($"Revoked share link {revoked.Id} ({revoked.Target.Kind} {revoked.Target.Id}); it shows nothing from now on");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
