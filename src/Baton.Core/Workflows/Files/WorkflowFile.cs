using System.Text.RegularExpressions;
using Baton.Core.Application;
using Baton.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// Reads a workflow written as YAML (see <c>examples/workflows/</c>): its settings, <c>vars:</c> and <c>defaults:</c>,
/// and its phases of tasks. Every problem is an invalid-input error that starts with the source name and line
/// (<c>feature.yaml:12: ...</c>) and says how to fix it. The graph itself (phase dependencies, cycles) is checked by
/// <see cref="WorkflowGraphValidator"/> when the workflow is created.
/// </summary>
public static partial class WorkflowFile
{
    private static readonly string[] TopKeys = ["name", "description", "failure_policy", "upstream_context", "budget_usd", "vars", "defaults", "phases"];
    private static readonly string[] UpstreamKeys = ["per_task_bytes", "total_bytes"];
    private static readonly string[] PhaseKeys = ["id", "name", "depends_on", "requires_approval", "tasks"];

    /// <summary>Parses <paramref name="yamlText"/>.</summary>
    /// <param name="yamlText">The file's text.</param>
    /// <param name="sourceName">How errors name the file, e.g. <c>feature.yaml</c>.</param>
    /// <param name="vars">Values for <c>{{vars.NAME}}</c> given by the caller (<c>--var</c>); they win over the file's <c>vars:</c>.</param>
    public static WorkflowDocument Parse(string yamlText, string sourceName, IReadOnlyDictionary<string, string> vars)
    {
        var root = Load(yamlText, sourceName);

        // The file's own vars are read as written (a default value holds no placeholders), then the caller's win.
        var noVars = new FileContext(sourceName, new WorkflowVariables(new Dictionary<string, string>()));
        var values = new Dictionary<string, string>(new YamlFields(root, string.Empty, noVars, TopKeys).Map("vars", fill: false)
            ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var declared = values.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (variable, value) in vars)
        {
            values[variable] = value;
        }

        var variables = new WorkflowVariables(values);
        var top = new YamlFields(root, string.Empty, new FileContext(sourceName, variables), TopKeys);
        var name = top.RequiredText("name", "name: Feature pipeline");
        var policyText = top.Text("failure_policy");
        var policy = FailurePolicy.FailFast;
        if (policyText is not null && !FailurePolicies.TryParse(policyText, out policy))
        {
            throw top.Error("failure_policy", $"failure_policy '{policyText}' is not one of {string.Join(", ", FailurePolicies.AllNames)}");
        }

        var budget = top.Amount("budget_usd");
        if (budget is { } usd && (usd < Application.Fields.TaskFields.MinBudgetUsd || usd > Application.Fields.TaskFields.MaxBudgetUsd))
        {
            throw top.Error("budget_usd", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{top.Where("budget_usd")} must be from {Application.Fields.TaskFields.MinBudgetUsd} to {Application.Fields.TaskFields.MaxBudgetUsd} USD, found {usd}"));
        }

        var settings = new WorkflowSettings(name.Trim(), top.Text("description")?.Trim(), policy, Upstream(top.Mapping("upstream_context", UpstreamKeys)), BudgetUsd: budget);
        var defaults = top.Mapping("defaults", TaskFields.OptionKeys, TaskFields.RefuseAsDefault) is { } defaultFields ? TaskFields.ReadOptions(defaultFields) : new TaskRequest();
        var phaseFields = top.Mappings("phases", PhaseKeys);
        if (phaseFields.Count == 0)
        {
            throw top.Error("phases", "the workflow has no phases; add 'phases:' with at least one phase (an id and its tasks)");
        }

        var phases = phaseFields.Select(p => Phase(p, defaults)).ToList();
        CheckUnique(phaseFields, "id", "phase", "phase ids must be unique within a workflow");
        CheckUnique(phaseFields.SelectMany(p => p.Mappings("tasks", TaskFields.TaskKeys, TaskFields.RefuseOnTask)).ToList(), "id", "task",
            "task ids must be unique within a workflow file, so that depends_on names one task");
        CheckGivenVariables(vars.Keys, declared, variables.Used, top);
        return new WorkflowDocument(settings, phases);
    }

    /// <summary>
    /// A value given for a variable the file neither declares under <c>vars:</c> nor uses is a misspelling (or the
    /// wrong file): running without it would quietly do something else than asked.
    /// </summary>
    private static void CheckGivenVariables(IEnumerable<string> given, IReadOnlySet<string> declared, IReadOnlySet<string> used, YamlFields top)
    {
        var known = declared.Union(used).Order(StringComparer.Ordinal).ToList();
        foreach (var name in given.Where(n => !known.Contains(n, StringComparer.Ordinal)))
        {
            var closest = Text.NameSuggester.Suggest(name, known, 1);
            var hint = closest.Count > 0 ? $"did you mean '{closest[0]}'? " : string.Empty;
            throw top.Context.Error((int?)null, known.Count == 0
                ? $"--var {name}: the file has no variables (it uses no {{{{vars.NAME}}}} and declares no vars:); leave out --var"
                : $"--var {name}: the file never uses {{{{vars.{name}}}}}; {hint}its variables are {string.Join(", ", known)}");
        }
    }

    private static UpstreamLimits? Upstream(YamlFields? fields) => fields is null
        ? null
        : new UpstreamLimits(
            fields.Integer("per_task_bytes", 1) ?? UpstreamLimits.DefaultPerTaskBytes,
            fields.Integer("total_bytes", 1) ?? UpstreamLimits.DefaultTotalBytes);

    private static PhaseDocument Phase(YamlFields fields, TaskRequest defaults)
    {
        var id = fields.RequiredText("id", "id: design").Trim();
        var tasks = fields.Mappings("tasks", TaskFields.TaskKeys, TaskFields.RefuseOnTask);
        if (tasks.Count == 0)
        {
            throw fields.Error("tasks", $"{fields.Path} ('{id}') has no tasks; add 'tasks:' with at least one task");
        }

        return new PhaseDocument(id, fields.Text("name"), [.. (fields.List("depends_on") ?? []).Select(d => d.Trim())],
            [.. tasks.Select(t => TaskFields.ReadTask(t, defaults))], fields.Flag("requires_approval") ?? false);
    }

    internal static void CheckUnique(IReadOnlyList<YamlFields> items, string key, string what, string rule)
    {
        var seen = new Dictionary<string, YamlFields>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Text(key)?.Trim() is not { Length: > 0 } id)
            {
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                throw item.Error(key, $"{item.Where(key)}: {what} id '{id}' is also used by {first.Path} (line {FileContext.LineOf(first.Node)}); {rule}");
            }

            seen.Add(id, item);
        }
    }

    internal static YamlMappingNode Load(string text, string sourceName)
    {
        var context = new FileContext(sourceName, new WorkflowVariables(new Dictionary<string, string>()));
        var scanner = new Scanner(new StringReader(text.TrimStart('\uFEFF')));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            var (line, column) = Text.YamlErrorLocation.Of(ex, text);
            throw context.Error(line, SyntaxMessage(ex, column));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 fails this way on some truncated input (an unclosed '[' at the end): point at the opener.
            var opened = Text.YamlErrorLocation.UnclosedOpener(text.TrimStart('\uFEFF')) ?? Math.Max(1, (int)scanner.CurrentPosition.Line);
            throw context.Error(opened, "invalid YAML: a '[', '{' or quote opened on this line is never closed; close it");
        }

        if (stream.Documents.Count > 1)
        {
            throw context.Error(FileContext.LineOf(stream.Documents[1].RootNode), "the file holds more than one YAML document (a '---' line); put one workflow in a file");
        }

        return stream.Documents.Count == 0 || YamlFields.IsNull(stream.Documents[0].RootNode)
            ? throw context.Error((int?)null, "the file is empty; a workflow file needs at least 'name:' and 'phases:' (see examples/workflows/)")
            : stream.Documents[0].RootNode as YamlMappingNode
                ?? throw context.Error(stream.Documents[0].RootNode,
                    $"a workflow file must be 'key: value' lines (name:, phases:, ...), found {YamlFields.DescribeNode(stream.Documents[0].RootNode)}");
    }

    private static string SyntaxMessage(YamlException ex, int column)
    {
        // YamlDotNet starts its message with "(Line: 2, Col: 14, Idx: 30) - (Line: ...): "; the line is reported separately.
        var reason = MarkPrefix().Replace(ex.Message, string.Empty).TrimEnd('.');
        var hint = reason.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
            ? "each key may appear once in a mapping; remove or merge the repeated one"
            : "indent nested keys consistently with spaces, and quote values that contain ': ' or ' #' or start with [ { * & ! | > % @ `";
        return $"invalid YAML (column {column}): {reason}; {hint}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
