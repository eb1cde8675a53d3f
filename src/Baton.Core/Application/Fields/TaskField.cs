namespace Baton.Core.Application.Fields;

/// <summary>
/// One field of a task as every interface takes it: its wire name, kind, limits and a one-line description. The
/// interfaces are made or checked from these, so that a field cannot mean or allow something different in one of them.
/// </summary>
public sealed record TaskField
{
    /// <summary>The name on the wire (snake_case): the REST property, the MCP argument and the workflow file's key.</summary>
    public required string Name { get; init; }

    /// <summary>What it holds.</summary>
    public required TaskFieldKind Kind { get; init; }

    /// <summary>One line for a schema or help text.</summary>
    public required string Description { get; init; }

    /// <summary>The longest text (for lists and maps: each item or value), in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The most items of a list or entries of a map.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The longest key of a map.</summary>
    public int? MaxKeyLength { get; init; }

    /// <summary>The smallest whole number allowed.</summary>
    public int? Minimum { get; init; }

    /// <summary>The largest whole number allowed.</summary>
    public int? Maximum { get; init; }

    /// <summary>The names a <see cref="TaskFieldKind.Choice"/> allows.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Which interfaces show it.</summary>
    public TaskFieldSurfaces Surfaces { get; init; } = TaskFieldSurfaces.All;

    /// <summary>False for a field that only a task on its own takes, never a workflow's task (each interface refuses it there, saying why).</summary>
    public bool OnWorkflowTasks { get; init; } = true;

    /// <summary>
    /// How the command line spells it where that differs from <c>--</c> and the name in kebab case, with what the
    /// option takes: <c>--agent</c> for <c>agent_name</c>; <c>--</c> for <c>command</c>, which comes after <c>--</c>.
    /// </summary>
    public string? CliSpelling { get; init; }

    /// <summary>The command-line option: <see cref="CliSpelling"/>, else <c>--</c> and the name in kebab case.</summary>
    public string CliOption => CliSpelling ?? "--" + Name.Replace('_', '-');

    /// <summary>Other keys a workflow file accepts for it, kept because files were written with them.</summary>
    public IReadOnlyList<string> YamlAliases { get; init; } = [];
}
