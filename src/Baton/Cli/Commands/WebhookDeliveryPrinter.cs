using System.Globalization;
using Baton.Core.Application.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>Delivery history as a table, for <c>baton webhook deliveries</c>.</summary>
internal static class WebhookDeliveryPrinter
{
    public static void Print(IReadOnlyList<WebhookDeliveryView> deliveries)
    {
        if (deliveries.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No deliveries.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("DELIVERY").NoWrap()).AddColumn(new TableColumn("WEBHOOK").NoWrap()).AddColumn("EVENT").AddColumn("STATUS")
            .AddColumn("CODE").AddColumn("ATTEMPTS").AddColumn(new TableColumn("NEXT").NoWrap()).AddColumn("LAST ERROR");
        foreach (var d in deliveries)
        {
            var status = d.Status switch { "delivered" => "[green]delivered[/]", "failed" => "[red]failed[/]", _ => "[yellow]pending[/]" };
            table.AddRow(d.DeliveryId, d.WebhookId, d.EventType, status, d.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                d.Attempts.ToString(CultureInfo.InvariantCulture), d.NextAttemptAt is { } next ? Time(next) : "-", Markup.Escape(d.LastError ?? "-"));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>One line about a delivery.</summary>
    public static string Line(WebhookDeliveryView d) =>
        $"Delivery {d.DeliveryId} ({d.EventType}) to {d.Url}: {d.Status}"
        + (d.LastStatusCode is { } code ? $", HTTP {code}" : string.Empty)
        + (d.LastError is { } error && d.Status != "delivered" ? $" ({error})" : string.Empty)
        + $", {d.Attempts} attempt{(d.Attempts == 1 ? string.Empty : "s")}";

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
