using System.Globalization;

namespace Baton.Cli.Output;

/// <summary>
/// A text progress bar (<c>██████░░░░ 3/5 60%</c>) as Spectre markup: plain characters, so it reads the same in a log.
/// It fills with completed tasks only: a workflow whose tasks were all cancelled or failed has finished, but done
/// nothing, and a full bar would say the opposite.
/// </summary>
internal static class ProgressBar
{
    public static string Markup(int completed, int total, string color, int width = 20)
    {
        var done = Math.Clamp(completed, 0, total);
        var filled = total == 0 ? 0 : (int)Math.Round((double)width * done / total, MidpointRounding.ToZero);
        var percent = total == 0 ? 0 : 100 * done / total;
        return $"[{color}]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] "
            + string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {percent}%");
    }
}
