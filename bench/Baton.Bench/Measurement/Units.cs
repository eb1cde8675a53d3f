using System.Globalization;

namespace Baton.Bench.Measurement;

/// <summary>Formats figures for the report: durations in µs below a millisecond, ms above.</summary>
internal static class Units
{
    public static string Duration(double milliseconds) => milliseconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds * 1000:0} µs")
        : milliseconds < 100
            ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.00} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0} ms");

    public static string Rate(double perSecond, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0} {what}/s");

    public static string Megabytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MiB");

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
