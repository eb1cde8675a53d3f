using System.Globalization;
using System.Text;

namespace Baton.Core.Processes;

/// <summary>
/// One attempt's cgroup v2: every process started in it, and every descendant of those, stays in it whatever it does
/// (a new session, a cleared environment, a double fork), so listing its <c>cgroup.procs</c> finds them all.
/// </summary>
/// <param name="path">The cgroup's folder.</param>
internal sealed class AttemptCgroup(string path)
{
    /// <summary>The cgroup's folder.</summary>
    public string Path { get; } = path;

    /// <summary>The file a process writes 0 to in order to move itself in.</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>True while the folder exists.</summary>
    public bool Exists => Directory.Exists(Path);

    /// <summary>The pids of the processes in it now (zombies are not listed); empty if it is gone.</summary>
    public IReadOnlyList<int> Members()
    {
        string text;
        try
        {
            text = File.ReadAllText(ProcsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var pids = new List<int>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>
    /// Kills every process in it at once with <c>cgroup.kill</c>, which the kernel applies to processes forking at that
    /// moment too. Kernels before 5.14 have no such file: then each listed process gets SIGKILL.
    /// </summary>
    public void Kill()
    {
        try
        {
            WriteControl("cgroup.kill", "1");
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No cgroup.kill here (or the cgroup is gone): signal the members one by one.
        }

        foreach (var pid in Members())
        {
            LibC.kill(pid, LibC.SIGKILL);
        }
    }

    /// <summary>Removes the cgroup if it is empty; false if it could not be (still populated, or already gone).</summary>
    public bool TryRemove()
    {
        try
        {
            Directory.Delete(Path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void WriteControl(string file, string value)
    {
        using var stream = new FileStream(System.IO.Path.Combine(Path, file), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        stream.Write(Encoding.ASCII.GetBytes(value));
    }
}
