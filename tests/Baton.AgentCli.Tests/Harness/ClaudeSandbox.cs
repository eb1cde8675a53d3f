namespace Baton.AgentCli.Tests.Harness;

/// <summary>
/// Fresh folders for one test's CLI runs: <see cref="Home"/> (so <c>~/.claude</c>, its settings, credentials and
/// transcripts are the test's own), <see cref="Work"/> (the agent's working directory) and <see cref="Temp"/>
/// (TMPDIR, where the CLI keeps shell snapshots and task output). Deleted on dispose.
/// </summary>
internal sealed class ClaudeSandbox : IDisposable
{
    public ClaudeSandbox()
    {
        Root = Directory.CreateTempSubdirectory("baton-claude-").FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        Work = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        Temp = Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;
    }

    public string Root { get; }

    public string Home { get; }

    public string Work { get; }

    public string Temp { get; }

    /// <summary>Where the CLI keeps a session's transcript: the cwd with '/' turned into '-', under ~/.claude/projects.</summary>
    public string TranscriptPath(string sessionId) =>
        Path.Combine(Home, ".claude", "projects", Work.Replace('/', '-'), sessionId + ".jsonl");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A detached tool child may still be writing under the root; leave it to the OS's temp cleanup.
        }
    }
}
