namespace Baton.Core.Runners.Agents;

/// <summary>
/// How every agent runner chooses its session: an attempt that follows an interrupted one (or brings a follow-up)
/// resumes the recorded session; if the CLI does not know it, the attempt starts a new session instead, once, and
/// says so in the log. The CLI-specific parts (command lines, how "unknown session" shows) stay with each runner.
/// </summary>
internal static class AgentSessions
{
    /// <param name="context">The attempt.</param>
    /// <param name="cli">The CLI's name, for the log.</param>
    /// <param name="resume">Runs the CLI on session <c>id</c> with <c>prompt</c>; reports whether the CLI did not know it.</param>
    /// <param name="start">Runs the CLI on a new session with <c>prompt</c>.</param>
    public static async Task<AttemptOutcome> ResumeOrStartAsync(
        AttemptContext context,
        string cli,
        Func<string, string, Task<(AttemptOutcome Outcome, bool UnknownSession)>> resume,
        Func<string, Task<AttemptOutcome>> start)
    {
        if (context.ResumeSessionId is { } session)
        {
            context.Log.WriteNotice(context.ForkSession ? $"forking {cli} session {session} (the original is left as it is)" : $"resuming {cli} session {session}");
            var (outcome, unknown) = await resume(session, context.ResumePrompt ?? AgentPrompts.Resume);
            if (!unknown)
            {
                return outcome;
            }

            if (context.ForkSession)
            {
                // A fork is asked for to start from that conversation: a new session would quietly do other work.
                var error = $"{cli} does not know session {session}, so it cannot be forked; it is kept per working directory, so run the fork where the original ran";
                context.Log.WriteNotice(error);
                return AttemptOutcome.Failure(error, retryable: false);
            }

            context.Log.WriteNotice(
                $"{cli} does not know session {session}; starting a new session with {(context.ResumePrompt is null ? "the original prompt" : "the follow-up")}");
        }

        return await start(context.ResumePrompt ?? AgentPrompts.ForTask(context.Task));
    }
}
