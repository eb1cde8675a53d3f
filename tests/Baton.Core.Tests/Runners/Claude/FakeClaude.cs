using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

/// <summary>The ClaudeRunner under test, run against the fake <c>claude</c> that replays captures of Claude Code 2.1.330.</summary>
internal sealed class FakeClaude() : FakeAgentCli("Claude", "claude", environment => new ClaudeRunner(environment));
