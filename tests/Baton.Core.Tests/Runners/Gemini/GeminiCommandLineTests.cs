using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini;

namespace Baton.Core.Tests.Runners.Gemini;

public sealed class GeminiCommandLineTests
{
    [Theory]
    [InlineData("default", "default")]
    [InlineData("dontAsk", "default")]
    [InlineData("acceptEdits", "auto_edit")]
    [InlineData("auto_edit", "auto_edit")]
    [InlineData("plan", "plan")]
    [InlineData("bypassPermissions", "yolo")]
    [InlineData("yolo", "yolo")]
    public void ForNewSession_PermissionMode_MapsToApprovalMode(string mode, string expected)
    {
        var args = GeminiCommandLine.ForNewSession(new AgentSpec { Name = "a", PermissionMode = mode }, null, "s-1");

        Assert.Equal(["-p", string.Empty, "--output-format", "stream-json", "--skip-trust", "--session-id", "s-1", "--approval-mode", expected], args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("weird")]
    public void ForNewSession_NoOrUnknownMode_PassesNoApprovalMode(string? mode)
    {
        Assert.DoesNotContain("--approval-mode", GeminiCommandLine.ForNewSession(new AgentSpec { Name = "a", PermissionMode = mode }, null, "s-1"));
    }

    [Fact]
    public void ForResume_AgentModel_PassedWithResume()
    {
        var args = GeminiCommandLine.ForResume(new AgentSpec { Name = "a", Model = "gemini-2.5-flash" }, null, "s-1");

        Assert.Equal(["-p", string.Empty, "--output-format", "stream-json", "--skip-trust", "--resume", "s-1", "-m", "gemini-2.5-flash"], args);
    }
}
