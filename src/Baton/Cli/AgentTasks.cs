using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Core.Application;

namespace Baton.Cli;

/// <summary>Turns --agent/--prompt options into what an agent task needs: the agent's snapshot and the prompt.</summary>
internal static class AgentTasks
{
    /// <summary>Builds task definitions from requests, resolving agents from each task's working directory.</summary>
    public static TaskRequestBuilder Builder(BatonSettings settings, string? callerDirectory = null) =>
        TaskPreparation.Builder(settings.AgentDirectories, callerDirectory ?? Environment.CurrentDirectory);

    /// <summary>The prompt from --prompt or --prompt-file (exactly one).</summary>
    public static string ReadPrompt(string? prompt, string? promptFile)
    {
        if (prompt is not null && promptFile is not null)
        {
            throw BatonException.Invalid("give the prompt either with --prompt or with --prompt-file, not both");
        }

        if (promptFile is null)
        {
            return prompt ?? throw BatonException.Invalid("an agent task needs a prompt: --prompt TEXT or --prompt-file FILE");
        }

        var path = Path.GetFullPath(promptFile);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw BatonException.Invalid($"prompt file '{path}' does not exist");
    }
}
