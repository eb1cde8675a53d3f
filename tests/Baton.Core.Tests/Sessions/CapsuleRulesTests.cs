using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class CapsuleRulesTests
{
    private static readonly NamedSecret[] NoSecrets = [];

    [Fact]
    public void Check_FullCapsule_ReadsEveryField()
    {
        var capsule = CapsuleRules.Check(Json("""
            {"current_task":"Port the parser","completed_steps":["read spec"],"next_steps":["write tests","refactor"],
             "decisions":[{"decision":"use Pratt parsing","reason":"precedence is easy to extend"}],
             "files":["src/Parser.cs"],"open_questions":["unicode?"],"failed_approaches":["regex"]}
            """), NoSecrets);

        Assert.Equal("Port the parser", capsule.CurrentTask);
        Assert.Equal(["read spec"], capsule.CompletedSteps);
        Assert.Equal(["write tests", "refactor"], capsule.NextSteps);
        Assert.Equal(new CapsuleDecision("use Pratt parsing", "precedence is easy to extend"), Assert.Single(capsule.Decisions));
        Assert.Equal(["src/Parser.cs"], capsule.Files);
        Assert.Equal(["unicode?"], capsule.OpenQuestions);
        Assert.Equal(["regex"], capsule.FailedApproaches);
    }

    [Theory]
    [InlineData("""{"next_steps":["a"]}""", "'current_task' is required")]
    [InlineData("""{"current_task":"  "}""", "'current_task' must not be empty")]
    [InlineData("""{"current_task":"x","next_steps":"a"}""", "'next_steps' must be a list of strings (got a string)")]
    [InlineData("""{"current_task":"x","files":["a",3]}""", "'files[1]' must be a string (got a number)")]
    [InlineData("""{"current_task":"x","decisions":[{"decision":"d"}]}""", "'decisions[0].reason' is required")]
    [InlineData("""{"current_task":"x","decisions":[{"reason":"r"}]}""", "'decisions[0].decision' is required")]
    [InlineData("""{"current_task":"x","decisions":["d"]}""", "'decisions[0]' must be an object")]
    [InlineData("""{"current_task":"x","notes":"n"}""", "a capsule has no field 'notes'")]
    [InlineData("""[1]""", "a capsule is a JSON object")]
    public void Check_MalformedCapsule_ThrowsNamingTheField(string json, string expected)
    {
        var error = Assert.Throws<BatonException>(() => CapsuleRules.Check(Json(json), NoSecrets));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CapsuleOverLimit_RefusesWithSizeLimitAndLargestFields()
    {
        var steps = string.Join(",", Enumerable.Range(0, 60).Select(i => $"\"step {i}: {new string('s', 60)}\""));
        var json = $$"""{"current_task":"big","completed_steps":[{{steps}}],"files":["{{new string('f', 900)}}"]}""";

        var error = Assert.Throws<BatonException>(() => CapsuleRules.Check(Json(json), NoSecrets));

        var size = CapsuleSize.Of(CapsuleParser.Parse(Json(json)));
        Assert.True(size > CapsuleRules.MaxBytes);
        Assert.StartsWith($"the capsule is {size:N0} bytes; the limit is 4,096: keep decisions and next steps, shorten completed steps and drop file contents", error.Message, StringComparison.Ordinal);
        Assert.Contains("largest: completed_steps (", error.Message, StringComparison.Ordinal);
        Assert.Contains("files (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CapsuleExactlyAtLimit_IsAccepted()
    {
        var empty = CapsuleSize.Of(new ContextCapsule { CurrentTask = "x" });
        var capsule = new ContextCapsule { CurrentTask = new string('x', 1 + CapsuleRules.MaxBytes - empty) };
        var json = Json(System.Text.Encoding.UTF8.GetString(CapsuleJson.WriteUtf8(capsule)));

        Assert.Equal(CapsuleRules.MaxBytes, CapsuleSize.Of(capsule));
        Assert.Equal(capsule.CurrentTask, CapsuleRules.Check(json, NoSecrets).CurrentTask);
    }

    [Fact]
    public void Check_EnvironmentSecretInDecision_RefusesNamingFieldAndVariableNotValue()
    {
        var secrets = SecretValues.From(new Dictionary<string, string> { ["DEPLOY_TOKEN"] = "s3cr3t-value-42", ["HOME"] = "/root" });
        var json = Json("""{"current_task":"deploy","decisions":[{"decision":"use the token s3cr3t-value-42","reason":"it works"}]}""");

        var error = Assert.Throws<BatonException>(() => CapsuleRules.Check(json, secrets));

        Assert.Contains("'decisions[0].decision' contains the value of the environment variable DEPLOY_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value-42", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "an Anthropic API key")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123", "an API key (sk-...)")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "a GitHub token")]
    [InlineData("github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz", "a GitHub token")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "an AWS access key")]
    [InlineData("xoxb-1234567890-abcdefghij", "a Slack token")]
    [InlineData("baton_0123456789abcdefghijABCDEFGHIJ0123456789", "a Baton API token")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", "a private key")]
    public void Check_WellKnownTokenShape_RefusesNamingTheKind(string secret, string kind)
    {
        var json = Json($$"""{"current_task":"x","completed_steps":["ok","set {{secret}} in config"]}""");

        var error = Assert.Throws<BatonException>(() => CapsuleRules.Check(json, NoSecrets));

        Assert.Contains($"'completed_steps[1]' contains what looks like {kind}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ShortOrHarmlessVariables_AreNotSecrets()
    {
        var secrets = SecretValues.From(
            new Dictionary<string, string> { ["API_KEY"] = "short", ["PATH"] = "/usr/local/bin:/usr/bin", ["GH_AUTH"] = "abcdefgh12" },
            new Dictionary<string, string> { ["db_password"] = "hunter2hunter2" });

        Assert.Equal(["GH_AUTH", "db_password"], secrets.Select(s => s.Name));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
