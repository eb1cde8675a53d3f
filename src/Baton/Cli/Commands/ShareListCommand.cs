using System.CommandLine;
using System.Globalization;
using Baton.Dashboard;
using Baton.Shares;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton share list</c>: every share link with what it shows and its state; never the link itself.</summary>
internal static class ShareListCommand
{
    public static Command Create()
    {
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List share links: id, what they show, state, expiry, who made them (never the link itself)") { json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (shares, _) = await ShareCommand.OpenAsync(ct);
            var now = TimeProvider.System.GetUtcNow();
            var views = (await shares.ListAsync(cancellationToken: ct)).Select(s => ShareView.Of(s, now)).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(views, DashboardJsonContext.Default.ListShareView);
            }
            else
            {
                Print(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<ShareView> shares)
    {
        if (shares.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No share links; make one with 'baton share create --task ID' or '--workflow ID'.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("ID").NoWrap()).AddColumn("SHOWS").AddColumn("STATE")
            .AddColumn(new TableColumn("EXPIRES").NoWrap()).AddColumn("CREATED BY");
        foreach (var share in shares)
        {
            var state = share.Status switch { "active" => "[green]active[/]", "revoked" => "[red]revoked[/]", _ => "[grey]expired[/]" };
            table.AddRow(share.Id, $"{share.Target.Kind} {share.Target.Id}", state, Time(share.ExpiresAt), Markup.Escape(share.CreatedBy));
        }

        AnsiConsole.Write(table);
    }

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
