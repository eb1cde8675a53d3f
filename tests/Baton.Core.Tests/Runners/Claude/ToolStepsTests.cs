using System.Text.Json;
using Baton.Core.Runners.Claude;

namespace Baton.Core.Tests.Runners.Claude;

public sealed class ToolStepsTests
{
    [Theory]
    [InlineData("Bash", """{"command":"npm test","description":"run tests"}""", "Bash: npm test")]
    [InlineData("Bash", """{"command":"set -e\nnpm ci\nnpm test"}""", "Bash: set -e ...")]
    [InlineData("Edit", """{"file_path":"/w/src/app.ts","old_string":"a","new_string":"b"}""", "Edit src/app.ts")]
    [InlineData("Write", """{"file_path":"/elsewhere/x.md","content":""}""", "Write /elsewhere/x.md")]
    [InlineData("Grep", """{"pattern":"TODO"}""", "Grep: TODO")]
    [InlineData("Task", """{"description":"Review the API","prompt":"..."}""", "Task: Review the API")]
    [InlineData("TodoWrite", """{"todos":[]}""", "TodoWrite")]
    public void Describe_KnownTools_ShortStep(string tool, string input, string expected)
    {
        using var document = JsonDocument.Parse(input);

        Assert.Equal(expected, ToolSteps.Describe(tool, document.RootElement, "/w"));
    }

    [Fact]
    public void Describe_VeryLongCommand_CutToOneHundredCharacters()
    {
        using var document = JsonDocument.Parse($$"""{"command":"{{new string('x', 500)}}"}""");

        var step = ToolSteps.Describe("Bash", document.RootElement, "/w");

        Assert.Equal(100, step.Length);
        Assert.EndsWith("...", step, StringComparison.Ordinal);
    }
}
