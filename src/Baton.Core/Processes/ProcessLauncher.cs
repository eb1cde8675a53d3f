using System.Runtime.InteropServices;
using System.Text;
using Baton.Core.Access;
using Baton.Core.Attempts;
using Microsoft.Win32.SafeHandles;

namespace Baton.Core.Processes;

/// <summary>
/// Starts programs with posix_spawn as leaders of a new session (and so of a new process group), with signal
/// dispositions reset to their defaults, stdout and stderr on pipes, and nothing inherited but what is asked for.
/// This is the only place in Baton that starts a supervised process.
/// </summary>
public static class ProcessLauncher
{
    /// <summary>
    /// Runs first in a process started into a cgroup: it moves itself in (writing 0 to the cgroup's <c>cgroup.procs</c>
    /// moves the writer), then replaces itself with the program, keeping its pid. So the program is in the cgroup
    /// before it runs a single instruction, and nothing it starts can be outside. (glibc 2.36 cannot spawn into a
    /// cgroup, and moving the pid after posix_spawn returns would race a child that forks at once.) A cgroup that
    /// another daemon's start-up tidying removed in the meantime is made again.
    /// </summary>
    private const string CgroupTrampoline =
        "{ echo 0 > \"$1\"; } 2>/dev/null || { mkdir -p \"${1%/*}\" && echo 0 > \"$1\"; } || exit 125; shift; exec \"$0\" \"$@\"";

    /// <summary>
    /// Starts the process, inside <paramref name="cgroup"/> if given. Throws <see cref="SpawnFailedException"/> if it
    /// cannot be started.
    /// </summary>
    internal static SpawnedProcess Start(ProcessStartSpec spec, AttemptCgroup? cgroup = null)
    {
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new SpawnFailedException($"working directory '{spec.WorkingDirectory}' does not exist");
        }

        if (cgroup is not null)
        {
            // The shell reports an exec failure only as an exit status; what posix_spawn would have refused is refused here.
            ExecutableFormat.EnsureRunnable(spec.ExecutablePath);
            spec = spec with { ExecutablePath = "/bin/sh", Arguments = ["-c", CgroupTrampoline, spec.ExecutablePath, cgroup.ProcsFile, .. spec.Arguments] };
        }

        if (spec.StandardInput is not null && spec.Input is not null)
        {
            throw new ArgumentException("a process takes either stdin bytes or an open stdin, not both", nameof(spec));
        }

        var stdout = CreatePipe();
        var stderr = CreatePipe();
        var stdin = spec.StandardInput is null && spec.Input is null ? (Read: -1, Write: -1) : CreatePipe();
        int pid;
        try
        {
            pid = Spawn(spec, stdin.Read, stdout.Write, stderr.Write);
        }
        catch
        {
            CloseAll(stdout.Read, stderr.Read, stdin.Write);
            throw;
        }
        finally
        {
            CloseAll(stdout.Write, stderr.Write, stdin.Read);
        }

        // Record the identity at once: until we reap it, the pid cannot be reused.
        var identity = (ProcFs.Identify(pid) ?? new ProcessIdentity(pid, 0, ProcFs.BootId)) with { Cgroup = cgroup?.Path };
        var exited = Task.Factory.StartNew(() => Reap(pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (spec.StandardInput is { } input)
        {
            _ = WriteAndCloseAsync(stdin.Write, input);
        }
        else if (spec.Input is { } live)
        {
            live.Attach(new FileStream(new SafeFileHandle(stdin.Write, ownsHandle: true), FileAccess.Write, bufferSize: 0));
        }

        return new SpawnedProcess(identity, OpenRead(stdout.Read), OpenRead(stderr.Read), exited);
    }

    /// <summary>
    /// Starts a process that outlives this one (the background daemon): its own session, stdin from /dev/null,
    /// stdout and stderr appended to <paramref name="outputPath"/>. Returns its pid.
    /// </summary>
    public static int StartDetached(ProcessStartSpec spec, string outputPath)
    {
        using var output = new FileStream(outputPath, PrivateFiles.Options(FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        var fd = (int)output.SafeFileHandle.DangerousGetHandle();
        var pid = Spawn(spec, -1, fd, fd);
        // A detached child is reaped by whoever outlives it; do it here if it ends first, so no zombie is left.
        _ = Task.Factory.StartNew(() => Reap(pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return pid;
    }

    private static unsafe int Spawn(ProcessStartSpec spec, int stdinRead, int stdoutWrite, int stderrWrite)
    {
        var attr = stackalloc byte[LibC.SpawnAttrSize];
        var actions = stackalloc byte[LibC.FileActionsSize];
        var emptySet = stackalloc byte[LibC.SigSetSize];
        var fullSet = stackalloc byte[LibC.SigSetSize];
        using var strings = new NativeStrings();
        var path = strings.Add(spec.ExecutablePath);
        var argv = strings.AddArray([spec.ExecutablePath, .. spec.Arguments]);
        var envp = strings.AddArray(spec.Environment.Select(pair => $"{pair.Key}={pair.Value}").ToArray());
        var cwd = strings.Add(spec.WorkingDirectory);
        var devNull = strings.Add("/dev/null");

        LibC.posix_spawnattr_init(attr);
        LibC.posix_spawn_file_actions_init(actions);
        try
        {
            // The runtime ignores SIGPIPE and blocks some signals; a child must start with the defaults.
            LibC.sigemptyset(emptySet);
            LibC.sigfillset(fullSet);
            LibC.posix_spawnattr_setsigmask(attr, emptySet);
            LibC.posix_spawnattr_setsigdefault(attr, fullSet);
            LibC.posix_spawnattr_setflags(attr, LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF);

            if (stdinRead >= 0)
            {
                LibC.posix_spawn_file_actions_adddup2(actions, stdinRead, 0);
            }
            else
            {
                LibC.posix_spawn_file_actions_addopen(actions, 0, devNull, LibC.O_RDONLY, 0);
            }

            LibC.posix_spawn_file_actions_adddup2(actions, stdoutWrite, 1);
            LibC.posix_spawn_file_actions_adddup2(actions, stderrWrite, 2);
            LibC.posix_spawn_file_actions_addchdir_np(actions, cwd);

            // Under the subreaper's lock, so that it knows the child as ours before the child can exit.
            int pid;
            int error;
            using (ChildReaper.EnterSpawn())
            {
                error = LibC.posix_spawn(&pid, path, actions, attr, argv, envp);
                if (error == 0)
                {
                    ChildReaper.Spawned(pid);
                }
            }

            return error == 0 ? pid : throw new SpawnFailedException($"cannot start '{spec.ExecutablePath}': {LibC.Describe(error)}");
        }
        finally
        {
            LibC.posix_spawn_file_actions_destroy(actions);
            LibC.posix_spawnattr_destroy(attr);
        }
    }

    private static unsafe ProcessExit Reap(int pid)
    {
        int status;
        try
        {
            while (LibC.waitpid(pid, &status, 0) < 0)
            {
                if (Marshal.GetLastPInvokeError() != LibC.EINTR)
                {
                    // Someone else reaped it (should not happen); report an unknown ending rather than hang.
                    return new ProcessExit(null, null);
                }
            }
        }
        finally
        {
            ChildReaper.Reaped(pid);
        }

        return ProcessExit.FromWaitStatus(status);
    }

    private static unsafe (int Read, int Write) CreatePipe()
    {
        var fds = stackalloc int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0)
        {
            throw new SpawnFailedException($"cannot create a pipe: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        return (fds[0], fds[1]);
    }

    private static FileStream OpenRead(int fd) =>
        new(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);

    private static async Task WriteAndCloseAsync(int fd, byte[] input)
    {
        await using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        try
        {
            await stream.WriteAsync(input);
        }
        catch (IOException)
        {
            // The process closed its stdin early (or exited); that is its business.
        }
    }

    private static void CloseAll(params int[] fds)
    {
        foreach (var fd in fds)
        {
            if (fd >= 0)
            {
                LibC.close(fd);
            }
        }
    }

    /// <summary>NUL-terminated UTF-8 strings and string arrays in unmanaged memory, freed together.</summary>
    private sealed unsafe class NativeStrings : IDisposable
    {
        private readonly List<nint> allocations = [];

        public byte* Add(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var memory = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
            bytes.CopyTo(new Span<byte>(memory, bytes.Length));
            memory[bytes.Length] = 0;
            allocations.Add((nint)memory);
            return memory;
        }

        public byte** AddArray(IReadOnlyList<string> values)
        {
            var array = (byte**)NativeMemory.Alloc((nuint)(values.Count + 1), (nuint)sizeof(byte*));
            allocations.Add((nint)array);
            for (var i = 0; i < values.Count; i++)
            {
                array[i] = Add(values[i]);
            }

            array[values.Count] = null;
            return array;
        }

        public void Dispose()
        {
            foreach (var allocation in allocations)
            {
                NativeMemory.Free((void*)allocation);
            }
        }
    }
}
