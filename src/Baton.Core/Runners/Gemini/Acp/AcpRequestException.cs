namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>The agent answered a request with a JSON-RPC error, or went away before answering.</summary>
internal sealed class AcpRequestException(string method, string message, int? code) : Exception($"{method}: {message}")
{
    /// <summary>The JSON-RPC error code; null when the agent ended without answering.</summary>
    public int? Code { get; } = code;
}
