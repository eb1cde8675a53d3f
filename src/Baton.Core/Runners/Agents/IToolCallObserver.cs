namespace Baton.Core.Runners.Agents;

/// <summary>
/// Hears an agent's tool calls as its event stream shows them: the call when the model makes it, and its end when the
/// result comes back. Runners call it from the thread that reads the agent's output.
/// </summary>
public interface IToolCallObserver
{
    /// <summary>The agent called <paramref name="toolName"/>; <paramref name="callId"/> is the CLI's id for the call.</summary>
    void Started(string callId, string toolName);

    /// <summary>The call <paramref name="callId"/> has its result; <paramref name="failed"/> when the tool reported an error.</summary>
    void Ended(string callId, bool failed);
}
