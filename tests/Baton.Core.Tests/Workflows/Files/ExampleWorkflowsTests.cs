using Baton.Core.Agents;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using Baton.Core.Workflows.Files;
using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

public sealed class ExampleWorkflowsTests : IDisposable
{
    private static readonly string Examples = Path.Combine(RepositoryRoot.Path, "examples", "workflows");
    private readonly TempDirectory directory = new();

    [Theory]
    [InlineData("feature-pipeline.yaml", 4, 5)]
    [InlineData("quality-gates.yaml", 1, 5)]
    [InlineData("shell-pipeline.yaml", 4, 5)]
    public void Parse_Example_GivesAStartableBlueprint(string file, int phases, int tasks)
    {
        var document = WorkflowFile.Parse(File.ReadAllText(Path.Combine(Examples, file)), file, new Dictionary<string, string>());

        var blueprint = document.ToBlueprint(Workflow(document.Settings), Builder(directory.Path));

        Assert.Equal(phases, blueprint.Phases.Count);
        Assert.Equal(tasks, blueprint.Tasks.Count);
        WorkflowGraphValidator.CheckStartable(blueprint.ToSnapshot());
    }

    [Fact]
    public void Parse_FeaturePipeline_FillsTheFeatureFromVar()
    {
        var document = WorkflowFile.Parse(File.ReadAllText(Path.Combine(Examples, "feature-pipeline.yaml")), "feature-pipeline.yaml",
            new Dictionary<string, string> { ["feature"] = "password reset" });

        Assert.Equal("Feature pipeline (password reset)", document.Settings.Name);
        Assert.All(document.Phases.SelectMany(p => p.Tasks), t => Assert.Contains("password reset", t.Request.AgentInstructions, StringComparison.Ordinal));
        Assert.Equal(["backend-developer", "frontend-developer"], document.Phases[1].Tasks.Select(t => t.Request.AgentName));
    }

    [Fact]
    public void Parse_ShellPipeline_RunsOnlyShellCommands()
    {
        var document = WorkflowFile.Parse(File.ReadAllText(Path.Combine(Examples, "shell-pipeline.yaml")), "shell-pipeline.yaml", new Dictionary<string, string>());

        Assert.All(document.Phases.SelectMany(p => p.Tasks), t => Assert.Equal("sh", t.Request.Command![0]));
        Assert.Contains("$BATON_UPSTREAM", document.Phases[^1].Tasks[0].Request.Command![2], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExampleAgents_DefineEveryAgentTheExamplesUse()
    {
        var catalog = AgentCatalog.Load([
            new(Path.Combine(RepositoryRoot.Path, "examples", "agents"), AgentSource.Configured),
            new(Path.Combine(Examples, "agents"), AgentSource.Configured),
        ]);
        var used = new[] { "feature-pipeline.yaml", "quality-gates.yaml" }
            .Select(f => WorkflowFile.Parse(File.ReadAllText(Path.Combine(Examples, f)), f, new Dictionary<string, string>()))
            .SelectMany(d => d.Phases.SelectMany(p => p.Tasks))
            .Select(t => t.Request.AgentName!)
            .ToHashSet();

        Assert.Empty(catalog.Problems);
        Assert.Empty(catalog.Shadowed);
        Assert.All(used, name => Assert.NotNull(catalog.Find(name)));
    }

    [Fact]
    public void Load_WorkflowAgents_AreReadOnlyGatesWithARealPrompt()
    {
        foreach (var agent in AgentCatalog.Load([new(Path.Combine(Examples, "agents"), AgentSource.Configured)]).Agents)
        {
            Assert.Equal(agent.Name + ".md", Path.GetFileName(agent.SourcePath));
            Assert.Equal(["Read", "Grep", "Glob", "Bash"], agent.Tools);
            Assert.InRange(agent.SystemPrompt.Split('\n').Length, 15, 40);
            Assert.Contains("summary", agent.SystemPrompt, StringComparison.OrdinalIgnoreCase);
        }
    }

    public void Dispose() => directory.Dispose();
}
