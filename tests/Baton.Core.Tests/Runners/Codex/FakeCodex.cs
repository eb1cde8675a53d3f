using Baton.Core.Runners.Codex;

namespace Baton.Core.Tests.Runners.Codex;

/// <summary>The CodexRunner under test, run against the fake <c>codex</c> that replays captures of codex 0.169.0.</summary>
internal sealed class FakeCodex() : FakeAgentCli("Codex", "codex", environment => new CodexRunner(environment))
{
    public static string Capture(string name) => Path.Combine(FolderOf("Codex"), "Captures", "codex-0.169.0", name);
}
