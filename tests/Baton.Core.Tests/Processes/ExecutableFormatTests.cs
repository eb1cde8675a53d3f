using Baton.Core.Processes;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Processes;

/// <summary>What a shell-performed exec would only report as an exit status is refused before the start.</summary>
public sealed class ExecutableFormatTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/usr/bin/env")]
    public void EnsureRunnable_ElfBinary_Passes(string path)
    {
        ExecutableFormat.EnsureRunnable(path);
    }

    [Fact]
    public void EnsureRunnable_ScriptWithExistingInterpreter_Passes()
    {
        var script = Write("ok.sh", "#!/bin/sh -e\necho hi\n");

        ExecutableFormat.EnsureRunnable(script);
    }

    [Fact]
    public void EnsureRunnable_ScriptWithoutShebang_FailsLikeExec()
    {
        var script = Write("plain.sh", "echo hi\n");

        var error = Assert.Throws<SpawnFailedException>(() => ExecutableFormat.EnsureRunnable(script));

        Assert.Contains("Exec format error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureRunnable_MissingInterpreter_NamesIt()
    {
        var script = Write("py.sh", "#!/nonexistent/python3\nprint(1)\n");

        var error = Assert.Throws<SpawnFailedException>(() => ExecutableFormat.EnsureRunnable(script));

        Assert.Contains("interpreter '/nonexistent/python3' does not exist", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = directory.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => directory.Dispose();
}
