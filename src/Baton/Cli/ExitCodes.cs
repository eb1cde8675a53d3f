using Baton.Core.Errors;

namespace Baton.Cli;

/// <summary>Exit codes of every command, documented in the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command worked but the task did not succeed (wait, result).</summary>
    public const int TaskUnsuccessful = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int Unavailable = 5;
    public const int StoreFailure = 6;
    /// <summary>A bug in Baton.</summary>
    public const int Internal = 70;
    /// <summary>baton task wait gave up (as timeout(1) does).</summary>
    public const int WaitTimedOut = 124;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => InvalidInput,
        ErrorKind.NotFound => NotFound,
        ErrorKind.Conflict => Conflict,
        ErrorKind.Unavailable or ErrorKind.StorageFull => Unavailable,
        _ => StoreFailure,
    };
}
