using Baton.AgentCli.Tests.Fakes;
using Baton.AgentCli.Tests.Harness;

namespace Baton.AgentCli.Tests.Claude;

/// <summary>An API error from the endpoint: the run ends with an error result and a failing exit code.</summary>
public sealed class ClaudeApiErrorTests
{
    [Fact]
    public async Task Run_EndpointAnswers400_ResultIsErrorAndExitCodeNonZero()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var sandbox = new ClaudeSandbox();
        server.Enqueue(ScriptedTurn.ApiError("scripted failure"));
        var sessionId = Guid.NewGuid().ToString();

        var run = await ClaudeCli.RunAsync(sandbox, server.BaseUrl, HeadlessArguments.NewSession(sessionId), "Hello", ClaudeTimeouts.Run);

        var result = run.Result;
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("result", (string?)result["type"]);
        Assert.True((bool)result["is_error"]!, run.ToString());
        // Observed in 2.1.330: subtype stays "success"; only is_error and api_error_status tell the failure apart.
        Assert.Equal("success", (string?)result["subtype"]);
        Assert.Equal(400, (int?)result["api_error_status"]);
        Assert.Contains("scripted failure", (string?)result["result"], StringComparison.Ordinal);
        // Observed in 2.1.330: one request, then five re-sends with fewer anthropic-beta features, then the error.
        Assert.Equal(6, server.Turns.Count);
        Assert.Equal(server.Turns.Count, server.Requests.Count);
    }

    [Fact]
    public async Task Run_EndpointAnswers500WithMaxRetriesZero_FailsAfterOneRequest()
    {
        await using var server = await ScriptedAnthropicServer.StartAsync();
        using var sandbox = new ClaudeSandbox();
        server.Enqueue(ScriptedTurn.ApiError("scripted overload", status: 500, type: "api_error"));
        var sessionId = Guid.NewGuid().ToString();

        var run = await ClaudeCli.RunAsync(sandbox, server.BaseUrl, HeadlessArguments.NewSession(sessionId), "Hello", ClaudeTimeouts.Run);

        var result = run.Result;
        Assert.NotEqual(0, run.ExitCode);
        Assert.True((bool)result["is_error"]!, run.ToString());
        Assert.Equal(500, (int?)result["api_error_status"]);
        Assert.DoesNotContain(run.Lines, line => (string?)line["subtype"] == "api_retry");
        Assert.Single(server.Turns);
    }
}
