using System.CommandLine;
using Baton.Core.Access.Views;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton token create --name N --scope read|write|admin</c>: prints the new token once, alone on stdout (so that
/// <c>TOKEN=$(baton token create ...)</c> works); only its hash is stored.
/// </summary>
internal static class TokenCreateCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "A name for the token (who or what uses it); recorded as token:NAME on what it creates", Required = true, HelpName = "NAME" };
        var scope = new Option<string>("--scope")
        {
            Description = "read (GET only), write (also create, change and cancel) or admin",
            Required = true,
            HelpName = "read|write|admin",
        };
        var json = CommandAction.JsonOption();
        var command = new Command("create", "Create an API token and print it once; only its hash is kept") { name, scope, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var tokens = await TokenCommand.OpenAsync(ct);
            var created = await tokens.CreateAsync(r.GetRequiredValue(name), r.GetRequiredValue(scope), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(CreatedTokenView.Of(created), AccessJsonContext.Default.CreatedTokenView);
            }
            else
            {
                CliOutput.Note($"Created API token '{created.Token.Name}' ({created.Token.Id}, scope {CreatedTokenView.Of(created).Scope}). "
                    + "It is shown only this once; store it now (send it as 'Authorization: Bearer TOKEN'):");
                Console.Out.WriteLine(created.Secret);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
