using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Gemini;

namespace Baton.Core.Runners.Agents;

/// <summary>The transcript renderer of each agent runner, as <c>baton task logs</c> uses it.</summary>
public static class TranscriptRenderers
{
    /// <summary>The renderer of an agent runner (line, working directory → transcript lines); null for commands, whose log is already text.</summary>
    public static Func<string, string, IEnumerable<string>>? For(string runner) => runner switch
    {
        ClaudeRunner.RunnerName => ClaudeTranscript.Render,
        CodexRunner.RunnerName => CodexTranscript.Render,
        GeminiRunner.RunnerName => GeminiTranscript.Render,
        _ => null,
    };
}
