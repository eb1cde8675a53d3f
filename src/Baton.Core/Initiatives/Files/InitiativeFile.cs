using Baton.Core.Application;
using Baton.Core.Workflows.Files;

namespace Baton.Core.Initiatives.Files;

/// <summary>
/// Reads an initiative written as YAML: <c>name</c>, <c>repository</c>, <c>base</c>, <c>max_parallel</c> and
/// <c>streams</c>, each with <c>id</c>, <c>name</c>, <c>phase</c>, <c>depends_on</c> and <c>tasks</c> written as a
/// workflow file's tasks are. Every problem is an invalid-input error that starts with the file and line
/// (<c>plan.yaml:12: ...</c>); the rules of <see cref="InitiativeRules"/> are checked here too.
/// </summary>
public static class InitiativeFile
{
    private static readonly string[] TopKeys = ["name", "repository", "base", "max_parallel", "streams"];
    private static readonly string[] StreamKeys = ["id", "name", "phase", "depends_on", "tasks"];

    /// <summary>Parses and checks <paramref name="yamlText"/>.</summary>
    /// <param name="yamlText">The file's text.</param>
    /// <param name="sourceName">How errors name the file, e.g. <c>plan.yaml</c>.</param>
    /// <param name="defaultMaxParallel">The limit on parallel streams when the file sets none.</param>
    public static InitiativeDocument Parse(string yamlText, string sourceName, int defaultMaxParallel = InitiativeDefinition.DefaultMaxParallel)
    {
        var root = WorkflowFile.Load(yamlText, sourceName);
        var context = new FileContext(sourceName, new WorkflowVariables(new Dictionary<string, string>()));
        var top = new YamlFields(root, string.Empty, context, TopKeys);
        var name = top.RequiredText("name", "name: checkout-v2").Trim();
        InitiativeNames.RequireName(name, $"{sourceName}:{FileContext.LineOf(root)}: ");
        var maxParallel = top.Integer("max_parallel", 1) ?? defaultMaxParallel;
        InitiativeRules.RequireMaxParallel(maxParallel, $"{sourceName}: ");
        var streamFields = top.Mappings("streams", StreamKeys);
        if (streamFields.Count == 0)
        {
            throw top.Error("streams", "the initiative has no streams; add 'streams:' with at least one foundation stream (an id, phase: foundation and its tasks)");
        }

        WorkflowFile.CheckUnique(streamFields, "id", "stream", "stream ids must be unique within an initiative");
        var streams = streamFields.Select(Stream).ToList();
        InitiativeRules.Check([.. streams.Select(s => s.Outline)], maxParallel, $"{sourceName}: ");
        return new InitiativeDocument(name, top.Text("repository")?.Trim(), top.Text("base")?.Trim(), maxParallel, streams);
    }

    private static StreamDocument Stream(YamlFields fields)
    {
        var id = fields.RequiredText("id", "id: api").Trim();
        var phaseText = fields.RequiredText("phase", "phase: parallel").Trim();
        if (!StreamPhases.TryParse(phaseText, out var phase))
        {
            throw fields.Error("phase", $"{fields.Where("phase")} '{phaseText}' is not one of foundation, parallel, integration");
        }

        var tasks = fields.Mappings("tasks", TaskFields.TaskKeys, TaskFields.RefuseOnTask).Select(task =>
        {
            if (task.Has("depends_on"))
            {
                throw task.Error("depends_on", $"{task.Where("depends_on")}: a stream's tasks run one after another in order; make streams wait for each other with the stream's depends_on instead");
            }

            return TaskFields.ReadTask(task, new TaskRequest());
        }).ToList();
        var location = $"{fields.Context.SourceName}:{FileContext.LineOf(fields.Node)}";
        return new StreamDocument(id, fields.Text("name")?.Trim() is { Length: > 0 } name ? name : id, phase, [.. (fields.List("depends_on") ?? []).Select(d => d.Trim())], tasks, location);
    }
}
