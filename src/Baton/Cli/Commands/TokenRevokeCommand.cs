using System.CommandLine;
using Baton.Core.Access.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton token revoke NAME|ID</c>: the daemon refuses the token from the next request on.</summary>
internal static class TokenRevokeCommand
{
    public static Command Create()
    {
        var token = new Argument<string>("name-or-id") { Description = "The token's name or id (as 'baton token list' shows them)" };
        var json = CommandAction.JsonOption();
        var command = new Command("revoke", "Revoke an API token; requests that present it are refused from now on") { token, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var tokens = await TokenCommand.OpenAsync(ct);
            var revoked = await tokens.RevokeAsync(r.GetRequiredValue(token), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(TokenView.Of(revoked), AccessJsonContext.Default.TokenView);
            }
            else
            {
                Console.Out.WriteLine($"Revoked API token '{revoked.Name}' ({revoked.Id}); requests that present it are refused from now on");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
