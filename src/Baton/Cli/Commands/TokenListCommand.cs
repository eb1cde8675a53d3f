using System.CommandLine;
using System.Globalization;
using Baton.Core.Access.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton token list</c>: every token with its scope and use, revoked ones included; never a secret or hash.</summary>
internal static class TokenListCommand
{
    public static Command Create()
    {
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List API tokens: name, id, scope, created, last used, revoked (never the token itself)") { json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var tokens = await TokenCommand.OpenAsync(ct);
            var views = (await tokens.ListAsync(ct)).Select(TokenView.Of).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(views, AccessJsonContext.Default.ListTokenView);
            }
            else
            {
                Print(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<TokenView> tokens)
    {
        if (tokens.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No API tokens; create one with 'baton token create --name NAME --scope read|write|admin'.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("NAME").AddColumn(new TableColumn("ID").NoWrap()).AddColumn("SCOPE")
            .AddColumn(new TableColumn("CREATED").NoWrap()).AddColumn(new TableColumn("LAST USED").NoWrap()).AddColumn(new TableColumn("REVOKED").NoWrap());
        foreach (var token in tokens)
        {
            table.AddRow(Markup.Escape(token.Name), token.TokenId, token.Scope, Time(token.CreatedAt), Time(token.LastUsedAt) ?? "never",
                token.RevokedAt is { } revoked ? $"[red]{Time(revoked)}[/]" : "-");
        }

        AnsiConsole.Write(table);
    }

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;
}
