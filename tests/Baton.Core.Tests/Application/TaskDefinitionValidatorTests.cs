using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Tasks;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Application;

public sealed class TaskDefinitionValidatorTests : IDisposable
{
    private const string SearchPath = "/usr/local/bin:/usr/bin:/bin";
    private static readonly string[] Runners = ["command"];
    private readonly TempDirectory directory = new();

    [Fact]
    public void Validate_ValidCommandTask_DoesNotThrow()
    {
        var error = Record.Exception(() => Validate(Valid()));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_EmptyName_ThrowsNamingName(string name) =>
        AssertInvalid(Valid() with { Name = name }, "name must not be empty");

    [Fact]
    public void Validate_NameTooLong_ThrowsNamingNameAndLimit() =>
        AssertInvalid(Valid() with { Name = new string('n', 201) }, "name is 201 characters; the limit is 200");

    [Fact]
    public void Validate_RequiredLabelBadlyWritten_ThrowsNamingTheFieldAndTheFormat() =>
        AssertInvalid(Valid() with { RequiresLabels = ["gpu", "two words"] }, "requires_labels label 'two words' is not valid; write key or key=value");

    [Fact]
    public void Validate_TaskThatRequiresLabels_DirectoryAndProgramLeftToTheNodeThatClaimsIt()
    {
        var elsewhere = Valid() with { WorkingDirectory = "/srv/only-on-the-gpu-box", Program = "train-model", RequiresLabels = ["gpu"] };

        Assert.Null(Record.Exception(() => Validate(elsewhere)));
        AssertInvalid(elsewhere with { RequiresLabels = [] }, "working directory '/srv/only-on-the-gpu-box' does not exist");
    }

    [Fact]
    public void Validate_MoreTagsThanTheFieldAllows_ThrowsNamingTagsAndLimit() =>
        AssertInvalid(Valid() with { Tags = [.. Enumerable.Range(0, 21).Select(i => $"t{i}")] }, "tags has 21 items; the limit is 20");

    [Fact]
    public void Validate_EnvironmentValueTooLong_ThrowsNamingTheVariableAndLimit() =>
        AssertInvalid(Valid() with { Environment = new Dictionary<string, string> { ["BIG"] = new('x', 32 * 1024 + 1) } },
            "environment.BIG is 32769 characters long; the limit is 32768");

    [Fact]
    public void Validate_MoreDependenciesThanTheFieldAllows_ThrowsNamingDependsOn() =>
        AssertInvalid(Valid() with { DependsOn = [.. Enumerable.Range(0, 101).Select(i => $"{i:d12}")] }, "depends_on has 101 items; the limit is 100");

    [Fact]
    public void Validate_UnknownRunner_ThrowsListingKnownRunners() =>
        AssertInvalid(Valid() with { Runner = "claude" }, "unknown runner 'claude'; use one of: command");

    [Fact]
    public void Validate_RelativeWorkingDirectory_ThrowsNamingWorkingDirectory() =>
        AssertInvalid(Valid() with { WorkingDirectory = "src/app" }, "working directory 'src/app' must be an absolute path");

    [Fact]
    public void Validate_MissingWorkingDirectory_ThrowsNamingWorkingDirectory()
    {
        var missing = directory.File("gone");

        AssertInvalid(Valid() with { WorkingDirectory = missing }, $"working directory '{missing}' does not exist");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(30 * 24 * 3600 + 1)]
    public void Validate_TimeoutOutOfRange_ThrowsNamingTimeout(int seconds) =>
        AssertInvalid(Valid() with { TimeoutSeconds = seconds }, $"timeout must be between 1 and 2592000 seconds (got {seconds})");

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Validate_MaxRetriesOutOfRange_ThrowsNamingMaxRetries(int retries) =>
        AssertInvalid(Valid() with { MaxRetries = retries }, $"max retries must be between 0 and 100 (got {retries})");

    [Fact]
    public void Validate_UndefinedPriority_ThrowsNamingPriority() =>
        AssertInvalid(Valid() with { Priority = (TaskPriority)7 }, "priority must be one of");

    [Fact]
    public void Validate_EmptyIdempotencyKey_ThrowsNamingIdempotencyKey() =>
        AssertInvalid(Valid() with { IdempotencyKey = string.Empty }, "idempotency key must be 1 to 200 characters");

    [Theory]
    [InlineData("two words")]
    [InlineData("tab\there")]
    [InlineData("")]
    public void Validate_BadTag_ThrowsNamingTag(string tag) =>
        AssertInvalid(Valid() with { Tags = ["ok", tag] }, $"tag '{tag}' must be 1 to 64 characters without spaces");

    [Theory]
    [InlineData("A=B")]
    [InlineData("")]
    [InlineData("NUL\0")]
    public void Validate_BadEnvironmentName_ThrowsNamingVariable(string key) =>
        AssertInvalid(
            Valid() with { Environment = new Dictionary<string, string> { [key] = "1" } },
            $"environment variable name '{key}' is not valid");

    [Fact]
    public void Validate_EmptyMetadataKey_ThrowsNamingMetadata() =>
        AssertInvalid(Valid() with { Metadata = new Dictionary<string, string> { [string.Empty] = "x" } }, "metadata keys must not be empty");

    [Fact]
    public void Validate_CommandWithoutProgram_ThrowsNamingProgram() =>
        AssertInvalid(Valid() with { Program = null }, "a command task needs a program");

    [Fact]
    public void Validate_ProgramMissingOnPath_ThrowsNotFoundOnPath() =>
        AssertInvalid(Valid() with { Program = "no-such-program-baton-test" }, "program 'no-such-program-baton-test' was not found on PATH");

    [Fact]
    public void Validate_PathFromTaskEnvironment_WinsOverSearchPath()
    {
        var definition = Valid() with { Environment = new Dictionary<string, string> { ["PATH"] = directory.Path } };

        AssertInvalid(definition, "program 'sh' was not found on PATH");
    }

    [Fact]
    public void Validate_NonExecutableFile_ThrowsNotExecutable()
    {
        var script = directory.File("script.sh");
        File.WriteAllText(script, "echo hi\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AssertInvalid(Valid() with { Program = "./script.sh" }, $"'{script}' is not executable");
    }

    [Fact]
    public void Validate_NulInArgument_ThrowsNamingArguments() =>
        AssertInvalid(Valid() with { Arguments = ["-c", "echo a\0b"] }, "arguments and environment values must not contain NUL characters");

    [Fact]
    public void Validate_NulInEnvironmentValue_ThrowsNamingEnvironmentValues() =>
        AssertInvalid(
            Valid() with { Environment = new Dictionary<string, string> { ["X"] = "a\0b" } },
            "arguments and environment values must not contain NUL characters");

    public void Dispose() => directory.Dispose();

    private TaskDefinition Valid() => new()
    {
        Name = "build",
        Runner = "command",
        Program = "sh",
        Arguments = ["-c", "true"],
        WorkingDirectory = directory.Path,
        TimeoutSeconds = 60,
        Tags = ["ci"],
        Environment = new Dictionary<string, string> { ["MODE"] = "fast" },
    };

    private static void Validate(TaskDefinition definition) => TaskDefinitionValidator.Validate(definition, Runners, SearchPath);

    private static void AssertInvalid(TaskDefinition definition, string expectedMessage)
    {
        var error = Assert.Throws<BatonException>(() => Validate(definition));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }
}
