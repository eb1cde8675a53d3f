using System.Diagnostics;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>
/// A tmpfs of a given size mounted on a fresh folder (root only), to fill up for real: the disk-full paths of the
/// product are tested against the kernel's own ENOSPC, not a fake. Unmounted (and its folder removed) on dispose.
/// </summary>
internal sealed class SmallFilesystem : IDisposable
{
    public SmallFilesystem(string size)
    {
        Dir = Directory.CreateTempSubdirectory("baton-full-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", Dir);
    }

    public string Dir { get; }

    /// <summary>True where a tmpfs can really be mounted (root, outside a container that forbids it): tried once.</summary>
    public static bool CanMount => Mountable.Value;

    private static readonly Lazy<bool> Mountable = new(() =>
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return false;
        }

        try
        {
            new SmallFilesystem("64k").Dispose();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    /// <summary>Writes a filler file until the filesystem refuses more.</summary>
    public void Fill()
    {
        var chunk = new byte[64 * 1024];
        using var filler = new FileStream(Path.Combine(Dir, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                filler.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full; the last partial chunk may have fitted in part.
        }

        try
        {
            while (true)
            {
                filler.Write(chunk, 0, 512);
            }
        }
        catch (IOException)
        {
            // Full to the last block.
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Dir);
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {error}");
        }
    }
}
