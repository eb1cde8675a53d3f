using System.Diagnostics;
using System.Text;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>A `baton serve` process started by a test.</summary>
internal sealed class DaemonProcess(Process process, StringBuilder output) : IDisposable
{
    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>kill -9: the crash the engine must survive.</summary>
    public void KillHard()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGTERM: asks for a graceful shutdown.</summary>
    public void Terminate() => ProcessProbe.Terminate(process.Id);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    private bool disposed;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
