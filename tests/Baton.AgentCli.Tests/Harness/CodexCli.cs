using System.Reflection;

namespace Baton.AgentCli.Tests.Harness;

/// <summary>
/// The real Codex CLI, installed by this project's build into <c>tools/codex</c>, and how to point it at a scripted
/// Responses endpoint on loopback: Codex ignores <c>OPENAI_BASE_URL</c>, so a private <c>CODEX_HOME</c> gets a
/// <c>config.toml</c> whose model provider is the endpoint.
/// </summary>
internal static class CodexCli
{
    /// <summary>
    /// The model the provider is configured with; Codex sends it in every request. Codex has no metadata for it, so it
    /// offers the model its fallback tool set (shell commands, questions, no apply_patch).
    /// </summary>
    public const string Model = "gpt-5.1-codex";

    /// <summary>A model in Codex's own catalog, for which it also offers the <c>apply_patch</c> tool (file changes).</summary>
    public const string CatalogModel = "gpt-5.5";

    /// <summary>The version pinned in Baton.AgentCli.Tests.csproj (CodexVersion).</summary>
    public static string PinnedVersion { get; } = typeof(CodexCli).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "CodexVersion").Value!;

    public static string ExecutablePath { get; } = Locate();

    /// <summary>
    /// Writes <c>config.toml</c> into <paramref name="codexHome"/> and returns the whole environment of a run.
    /// Nothing is inherited but PATH, so a developer's own OPENAI_* or CODEX_* variables cannot send the CLI elsewhere.
    /// </summary>
    public static Dictionary<string, string> Environment(Uri baseUrl, string codexHome, string model = Model)
    {
        File.WriteAllText(Path.Combine(codexHome, "config.toml"), $"""
            model_provider = "mock"
            model = "{model}"

            [model_providers.mock]
            name = "mock"
            base_url = "{baseUrl}"
            env_key = "OPENAI_API_KEY"
            wire_api = "responses"
            supports_websockets = false
            """);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // exec_command looks commands up on PATH.
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            // Sessions (the thread rollouts a resume reads), config and logs live in the test's own folder.
            ["CODEX_HOME"] = codexHome,
            ["HOME"] = codexHome,
            // The provider's env_key: any value works against the scripted endpoint.
            ["OPENAI_API_KEY"] = "sk-test",
        };
    }

    private static string Locate()
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, "tools", "codex", "node_modules", ".bin", "codex");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Codex is not installed at {path}; build tests/Baton.AgentCli.Tests with node and npm on PATH " +
                $"(it runs npm install @openai/codex@{PinnedVersion}).");
    }
}
