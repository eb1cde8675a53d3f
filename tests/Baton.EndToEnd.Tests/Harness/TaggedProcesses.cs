using System.Globalization;
using System.Text;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>
/// Processes found by a unique tag in their command line (say the argument <c>600.4242</c> of a sleep): the way to find
/// a process that left its session and cleared its environment, and so carries nothing else a test could look for.
/// </summary>
internal sealed class TaggedProcesses : IDisposable
{
    /// <summary>A new tag: a number of seconds a sleep accepts, unique to this test run.</summary>
    public TaggedProcesses() =>
        Tag = "600." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    public string Tag { get; }

    /// <summary>The live (not zombie) processes that have the tag as an argument (a shell whose script mentions it does not).</summary>
    public IReadOnlyList<int> Alive() => Find(Encoding.UTF8.GetBytes($"\0{Tag}\0"));

    /// <summary>The live processes whose command line mentions the tag anywhere.</summary>
    public IReadOnlyList<int> Mentioning() => Find(Encoding.UTF8.GetBytes(Tag));

    private static List<int> Find(byte[] tag)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes($"/proc/{pid}/cmdline").AsSpan().IndexOf(tag) >= 0 && ProcessProbe.IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone while reading.
            }
        }

        return found;
    }

    /// <summary>Kills what a failed test left behind: only processes with this run's tag.</summary>
    public void Dispose()
    {
        foreach (var pid in Mentioning())
        {
            ProcessProbe.Kill(pid);
        }
    }
}
