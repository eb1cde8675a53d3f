using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Core.Application.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>Delivery history as a table, for <c>baton webhook deliveries</c>.</summary>
internal static partial class WebhookDeliveryPrinter
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
                d.Attempts.ToString(CultureInfo.InvariantCulture), d.NextAttemptAt is { } next ? Time(next) : "-", Markup.Escape(ErrorBeyondCode(d) ?? "-"));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>One line about a delivery.</summary>
    public static string Line(WebhookDeliveryView d) =>
        $"Delivery {d.DeliveryId} ({d.EventType}) to {d.Url}: {d.Status}"
        + (d.LastStatusCode is { } code ? $", HTTP {code}" : string.Empty)
        + (ErrorBeyondCode(d) is { } error && d.Status != "delivered" ? $" ({error})" : string.Empty)
        + $", {d.Attempts} attempt{(d.Attempts == 1 ? string.Empty : "s")}";

    /// <summary>
    /// The last error without what the status code says already: "HTTP 500" beside a code of 500 is said twice, and
    /// "HTTP 302: redirects are not followed" keeps only its advice.
    /// </summary>
    public static string? ErrorBeyondCode(WebhookDeliveryView d)
    {
        if (d.LastError is not { } error || d.LastStatusCode is not { } code)
        {
            return d.LastError;
        }

        var match = CodePrefix().Match(error);
        if (!match.Success || match.Groups["code"].Value != code.ToString(CultureInfo.InvariantCulture))
        {
            return error;
        }

        var rest = error[match.Length..].Trim();
        return rest.Length == 0 ? null : rest;
    }

    [GeneratedRegex(@"^(?:HTTP )?(?<code>\d{3})(?: [A-Z][A-Za-z]*)*(?::|$)")]
    private static partial Regex CodePrefix();

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
