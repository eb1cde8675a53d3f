using Baton.Core.Runners.Gemini;

namespace Baton.Core.Tests.Runners.Gemini;

/// <summary>The GeminiRunner under test, run against the fake <c>gemini</c> that replays captures of gemini 0.61.0.</summary>
internal sealed class FakeGemini() : FakeAgentCli("Gemini", "gemini", environment => new GeminiRunner(environment))
{
    public static string Capture(string name) => Path.Combine(FolderOf("Gemini"), "Captures", "gemini-0.61.0", name);
}
