using System.Diagnostics;
using Baton.EndToEnd.Tests.Harness;

namespace Baton.EndToEnd.Tests.Build;

/// <summary>
/// A fresh clone's first 'dotnet run' says that it builds: 'dotnet run' builds at quiet verbosity and would otherwise be
/// silent for a minute or two. Checked on a two-project app that imports Baton's notice, as Baton's own project does.
/// </summary>
public sealed class BuildNoticeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("baton-notice-").FullName;

    [Fact]
    public async Task DotnetRun_FirstBuild_SaysItIsBuildingAndLaterRunsDoNot()
    {
        var notice = Path.Combine(BatonExecutable.RepositoryRoot, "src", "Baton", "BuildNotice.targets");
        Assert.Contains("BuildNotice.targets", File.ReadAllText(Path.Combine(BatonExecutable.RepositoryRoot, "src", "Baton", "Baton.csproj")), StringComparison.Ordinal);
        Write("lib/lib.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        Write("lib/Lib.cs", "public static class Lib { public static string Hello => \"hello\"; }");
        Write("app/app.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="../lib/lib.csproj" /></ItemGroup>
              <Import Project="{notice}" />
            </Project>
            """);
        Write("app/Program.cs", "System.Console.WriteLine(Lib.Hello);");

        var first = await DotnetRunAsync();
        var second = await DotnetRunAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Building Baton (Debug); the first build takes a minute or two...", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("hello", first.Stdout.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("Building Baton", second.Stderr, StringComparison.Ordinal);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<CliResult> DotnetRunAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var arg in new[] { "run", "--project", "app" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
