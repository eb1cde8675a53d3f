namespace Baton.Bench.Reporting;

/// <summary>Prints scenario reports as aligned tables, and a summary of every figure that has a target.</summary>
internal static class ReportPrinter
{
    private const int LabelWidth = 52;
    private const int ValueWidth = 14;
    private const int TargetWidth = 16;

    public static void PrintHeader(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine($"== {title} ==");
    }

    public static void Print(TextWriter output, ScenarioReport report)
    {
        foreach (var figure in report.Figures)
        {
            output.WriteLine(Row(figure));
        }

        foreach (var note in report.Notes)
        {
            output.WriteLine($"  note: {note}");
        }
    }

    public static void PrintFailure(TextWriter output, string title, Exception exception)
    {
        output.WriteLine($"  ERROR in {title}: {exception.GetType().Name}: {exception.Message}");
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            output.WriteLine($"    caused by {inner.GetType().Name}: {inner.Message}");
        }
    }

    public static void PrintSummary(TextWriter output, IReadOnlyList<ScenarioReport> reports, int errors, TimeSpan elapsed)
    {
        output.WriteLine();
        output.WriteLine("== Summary (figures with a target) ==");
        foreach (var report in reports)
        {
            foreach (var figure in report.Figures.Where(f => f.Met is not null))
            {
                output.WriteLine(Row(figure with { Label = $"{ShortTitle(report.Title)}: {figure.Label}" }));
            }
        }

        var failed = reports.Sum(r => r.Figures.Count(f => f.Met == false));
        var verdict = failed == 0 && errors == 0 ? "all targets met" : $"{failed} target(s) missed, {errors} scenario error(s)";
        output.WriteLine($"  {verdict}; total time {elapsed.TotalSeconds:0.0} s");
    }

    private static string Row(Figure figure) =>
        $"  {Fit(figure.Label, LabelWidth)} {figure.Value,ValueWidth}  {figure.Target ?? string.Empty,-TargetWidth} {figure.Verdict}".TrimEnd();

    private static string ShortTitle(string title) => title.Split(' ', 2)[0].TrimEnd('.');

    private static string Fit(string text, int width) => text.Length <= width ? text.PadRight(width) : text[..(width - 1)] + "…";
}
