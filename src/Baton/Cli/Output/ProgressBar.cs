using System.Globalization;

namespace Baton.Cli.Output;

/// <summary>A text progress bar (<c>██████░░░░ 3/5 60%</c>) as Spectre markup: plain characters, so it reads the same in a log.</summary>
internal static class ProgressBar
{
    public static string Markup(int done, int total, string color, int width = 20)
    {
        var filled = total == 0 ? 0 : (int)Math.Round((double)width * done / total, MidpointRounding.ToZero);
        var percent = total == 0 ? 0 : 100 * done / total;
        return $"[{color}]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] "
            + string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {percent}%");
    }
}
