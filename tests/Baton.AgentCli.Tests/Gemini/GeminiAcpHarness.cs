using System.Reflection;
using Baton.AgentCli.Tests.Harness;
using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini;
using Baton.Core.Tasks;

namespace Baton.AgentCli.Tests.Gemini;

/// <summary>
/// Baton's gemini runner driving the real gemini-cli (installed by this project's build into <c>tools/gemini-cli</c>)
/// in ACP mode against a <see cref="ScriptedGeminiServer"/>, with a private home and a temporary working directory.
/// </summary>
internal sealed class GeminiAcpHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly string root = Directory.CreateTempSubdirectory("baton-gemini-acp-").FullName;
    private readonly List<AgentProgress> progress = [];

    private GeminiAcpHarness(ScriptedGeminiServer server)
    {
        Server = server;
        Directory.CreateDirectory(Work);
        PrepareHomes(root);
    }

    /// <summary>The version pinned in Baton.AgentCli.Tests.csproj (GeminiCliVersion).</summary>
    public static string PinnedVersion { get; } = typeof(GeminiAcpHarness).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "GeminiCliVersion").Value!;

    public static string ExecutablePath { get; } = Path.Combine(RepositoryRoot.Path, "tools", "gemini-cli", "node_modules", ".bin", "gemini");

    public ScriptedGeminiServer Server { get; }

    public string Work => Path.Combine(root, "work");

    public string Home => Path.Combine(root, "home");

    public string LogPath => Path.Combine(root, "attempt.log");

    public IReadOnlyList<AgentProgress> Progress
    {
        get
        {
            lock (progress)
            {
                return [.. progress];
            }
        }
    }

    /// <summary>Makes the private homes under <paramref name="root"/> that <see cref="Environment"/> points gemini at.</summary>
    public static void PrepareHomes(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "user"));
        Directory.CreateDirectory(Path.Combine(root, "home", ".gemini"));
        // Without a selected auth type gemini exits 41 ("Invalid auth method selected.").
        File.WriteAllText(Path.Combine(root, "home", ".gemini", "settings.json"), "{\"security\":{\"auth\":{\"selectedType\":\"gemini-api-key\"}}}");
    }

    /// <summary>The whole environment gemini gets: private homes under <paramref name="root"/>, the scripted endpoint.</summary>
    public static Dictionary<string, string> Environment(string root, string baseUrl) => new(StringComparer.Ordinal)
    {
        // node, and the shell tool's commands, come from PATH; nothing else is inherited.
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
        // gemini keeps its settings and sessions under GEMINI_CLI_HOME; HOME is the test's own too.
        ["HOME"] = Path.Combine(root, "user"),
        ["GEMINI_CLI_HOME"] = Path.Combine(root, "home"),
        ["GOOGLE_GEMINI_BASE_URL"] = baseUrl,
        ["GEMINI_API_KEY"] = "test-key",
        ["GEMINI_TELEMETRY_ENABLED"] = "false",
    };

    public static async Task<GeminiAcpHarness> StartAsync() => new(await ScriptedGeminiServer.StartAsync());

    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>Runs a task with <paramref name="instructions"/> through the gemini runner with <paramref name="conversation"/>.</summary>
    public async Task<AttemptOutcome> RunAsync(
        string instructions, ScriptedConversation conversation, string? permissionMode = null, string? resumeSessionId = null, string? resumePrompt = null,
        CancellationToken stop = default)
    {
        var environment = Environment(root, Server.BaseUrl);
        var definition = new TaskDefinition
        {
            Name = "t",
            Runner = GeminiRunner.RunnerName,
            Instructions = instructions,
            WorkingDirectory = Work,
            Agent = permissionMode is null ? null : new AgentSpec { Name = "a", PermissionMode = permissionMode },
        };
        var task = new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            Definition = definition,
            Status = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            DueAt = DateTimeOffset.UnixEpoch,
        };
        using var log = AttemptLog.Create(LogPath, 4 * 1024 * 1024, 4096);
        var context = new AttemptContext(
            task,
            new AttemptKey(task.Id, 1),
            log,
            TimeSpan.FromSeconds(2),
            TimeProvider.System,
            _ => Task.CompletedTask,
            p =>
            {
                lock (progress)
                {
                    progress.Add(p);
                }
            },
            resumeSessionId,
            resumePrompt,
            Conversation: conversation);
        return await new GeminiRunner(environment, ExecutablePath).RunAsync(context, stop).WaitAsync(Bound);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}
