using Baton.Core.Agents;
using Baton.Core.Application;
using Baton.Core.Workflows;
using Baton.Core.Workflows.Files;

namespace Baton.Core.Tests.Workflows.Files;

/// <summary>Helpers for workflow file tests: parsing with or without --var, and a builder whose agents always resolve.</summary>
internal static class WorkflowFiles
{
    public static WorkflowDocument Parse(string yaml, params (string Name, string Value)[] vars) =>
        WorkflowFile.Parse(yaml, "test.yaml", vars.ToDictionary(v => v.Name, v => v.Value));

    /// <summary>A builder that resolves any agent name to a stub definition, working from <paramref name="directory"/>.</summary>
    public static TaskRequestBuilder Builder(string directory) => new(
        (name, _) => new AgentDefinition { Name = name, Description = "stub", SystemPrompt = $"You are {name}.", SourcePath = $"/agents/{name}.md", Source = AgentSource.Configured },
        directory);

    public static WorkflowRecord Workflow(WorkflowSettings settings) => new()
    {
        Id = "wf0000000001",
        Name = settings.Name,
        Status = WorkflowState.Running,
        FailurePolicy = settings.FailurePolicy,
        CreatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
