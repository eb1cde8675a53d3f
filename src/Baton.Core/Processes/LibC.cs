using System.Runtime.InteropServices;

namespace Baton.Core.Processes;

/// <summary>
/// The few libc calls that System.Diagnostics.Process cannot make for us: spawning into a new session (so each
/// attempt has its own process group), signalling groups, and reaping. Linux with glibc only.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;
    internal const int EINTR = 4;
    internal const int ESRCH = 3;
    internal const int O_RDONLY = 0;
    internal const int O_CLOEXEC = 0x80000;
    internal const int WNOHANG = 1;
    internal const int PR_SET_CHILD_SUBREAPER = 36;

    // glibc spawn flags (spawn.h).
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
    internal const short POSIX_SPAWN_SETSID = 0x80;

    // Sizes of the opaque glibc structures on 64-bit Linux, rounded up generously.
    internal const int SpawnAttrSize = 512;
    internal const int FileActionsSize = 256;
    internal const int SigSetSize = 128;

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Library)]
    internal static partial int sigemptyset(void* set);

    [LibraryImport(Library)]
    internal static partial int sigfillset(void* set);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setsigmask(void* attr, void* set);

    [LibraryImport(Library)]
    internal static partial int posix_spawnattr_setsigdefault(void* attr, void* set);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_addclose(void* actions, int fd);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Library)]
    internal static partial int posix_spawn_file_actions_addchdir_np(void* actions, byte* path);

    [LibraryImport(Library)]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Library)]
    private static partial nint strerror(int errnum);

    internal static string Describe(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
}
