namespace Baton.AgentCli.Tests.Harness;

/// <summary>The command line Baton will use: print mode, stream-json events, no permission prompts.</summary>
internal static class HeadlessArguments
{
    /// <summary>
    /// <c>-p --output-format stream-json --verbose</c> (stream-json requires --verbose) with
    /// <c>--permission-mode bypassPermissions</c>, which needs IS_SANDBOX=1 as root; the prompt goes on stdin.
    /// </summary>
    public static List<string> For(string sessionFlag, string sessionId, params string[] extra) =>
    [
        "-p",
        "--output-format", "stream-json",
        "--verbose",
        sessionFlag, sessionId,
        "--permission-mode", "bypassPermissions",
        .. extra,
    ];

    /// <summary>A new session with an id chosen before launch.</summary>
    public static List<string> NewSession(string sessionId, params string[] extra) => For("--session-id", sessionId, extra);

    /// <summary>Continues an earlier session (from the same working directory).</summary>
    public static List<string> Resume(string sessionId, params string[] extra) => For("--resume", sessionId, extra);
}
