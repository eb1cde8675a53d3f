using Baton.Core.Processes;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Processes;

public sealed class ProgramResolverTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public void Resolve_BareNameOnPath_ReturnsFirstExecutableMatch()
    {
        var first = MakeDirectory("first");
        var second = MakeDirectory("second");
        var expected = MakeProgram(second, "tool");

        var resolved = ProgramResolver.Resolve("tool", directory.Path, $"/no/such/dir:{first}:{second}", out var problem);

        Assert.Equal(expected, resolved);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_NonExecutableEarlierOnPath_SkipsIt()
    {
        var first = MakeDirectory("first");
        var second = MakeDirectory("second");
        MakeFile(first, "tool", executable: false);
        var expected = MakeProgram(second, "tool");

        var resolved = ProgramResolver.Resolve("tool", directory.Path, $"{first}:{second}", out _);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void Resolve_DirectoryWithProgramsNameOnPath_SkipsIt()
    {
        var first = MakeDirectory("first");
        Directory.CreateDirectory(Path.Combine(first, "tool"));
        var second = MakeDirectory("second");
        var expected = MakeProgram(second, "tool");

        var resolved = ProgramResolver.Resolve("tool", directory.Path, $"{first}:{second}", out _);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void Resolve_RelativePathEntry_TakenRelativeToWorkingDirectory()
    {
        var bin = MakeDirectory("bin");
        var expected = MakeProgram(bin, "tool");

        var resolved = ProgramResolver.Resolve("tool", directory.Path, "bin", out _);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void Resolve_NameWithSlash_TakenRelativeToWorkingDirectoryNotPath()
    {
        var bin = MakeDirectory("bin");
        var expected = MakeProgram(bin, "tool");

        var resolved = ProgramResolver.Resolve("./tool", bin, searchPath: null, out _);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void Resolve_AbsolutePath_ReturnedAsIs() =>
        Assert.Equal("/bin/sh", ProgramResolver.Resolve("/bin/sh", directory.Path, searchPath: null, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/no/such/dir")]
    public void Resolve_BareNameNotOnPath_ReturnsNullSayingNotFoundOnPath(string? searchPath)
    {
        var resolved = ProgramResolver.Resolve("baton-test-missing", directory.Path, searchPath, out var problem);

        Assert.Null(resolved);
        Assert.Equal("program 'baton-test-missing' was not found on PATH; give its full path, or add its directory to PATH", problem);
    }

    [Fact]
    public void Resolve_MissingPathWithSlash_ReturnsNullSayingItDoesNotExist()
    {
        var resolved = ProgramResolver.Resolve("./missing", directory.Path, "/bin", out var problem);

        Assert.Null(resolved);
        Assert.Equal($"program '{directory.File("missing")}' does not exist", problem);
    }

    [Fact]
    public void Resolve_NonExecutableFile_ReturnsNullSayingHowToFixIt()
    {
        var script = MakeFile(directory.Path, "script.sh", executable: false);

        var resolved = ProgramResolver.Resolve(script, directory.Path, "/bin", out var problem);

        Assert.Null(resolved);
        Assert.Equal($"'{script}' is not executable; run 'chmod +x {script}' or start it through its interpreter", problem);
    }

    [Fact]
    public void Resolve_Directory_ReturnsNullSayingItIsADirectory()
    {
        var resolved = ProgramResolver.Resolve(directory.Path, "/", "/bin", out var problem);

        Assert.Null(resolved);
        Assert.Equal($"'{directory.Path}' is a directory, not a program", problem);
    }

    [Fact]
    public void Resolve_ExecutableForGroupOnly_CountsAsExecutable()
    {
        var program = MakeFile(directory.Path, "group-tool", executable: false);
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        Assert.Equal(program, ProgramResolver.Resolve(program, directory.Path, null, out _));
    }

    public void Dispose() => directory.Dispose();

    private string MakeDirectory(string name) => Directory.CreateDirectory(directory.File(name)).FullName;

    private static string MakeProgram(string folder, string name) => MakeFile(folder, name, executable: true);

    private static string MakeFile(string folder, string name, bool executable)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, executable ? mode | UnixFileMode.UserExecute : mode);
        return path;
    }
}
