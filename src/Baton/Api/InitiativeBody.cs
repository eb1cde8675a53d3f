using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary>
/// <c>POST /api/v1/initiatives</c>: an initiative as the YAML text of an initiative file (<see cref="Source"/>), or as
/// JSON (name, repository, streams with their tasks written as task bodies). With <see cref="Start"/> it starts at once.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record InitiativeBody
{
    /// <summary>The initiative file's YAML text; then the fields below other than repository and start must be left out.</summary>
    public string? Source { get; init; }

    /// <summary>How messages name the file (default <c>initiative.yaml</c>).</summary>
    public string? SourceName { get; init; }

    /// <summary>The initiative's name (JSON form).</summary>
    public string? Name { get; init; }

    /// <summary>The repository's absolute path; with a source, it wins over the file's repository.</summary>
    public string? Repository { get; init; }

    /// <summary>The ref the initiative's branch starts from.</summary>
    public string? Base { get; init; }

    /// <summary>At most this many parallel streams.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>The streams (JSON form).</summary>
    public IReadOnlyList<StreamBody>? Streams { get; init; }

    /// <summary>Start it at once (default false: created, to be started with POST .../start).</summary>
    public bool? Start { get; init; }
}

/// <summary>A stream of <see cref="InitiativeBody"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record StreamBody
{
    /// <summary>The stream's id.</summary>
    public string? Id { get; init; }

    /// <summary>What people call it.</summary>
    public string? Name { get; init; }

    /// <summary>foundation, parallel or integration.</summary>
    public string? Phase { get; init; }

    /// <summary>Streams that must complete first.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }

    /// <summary>Its tasks in order, as task bodies (working_directory is the repository).</summary>
    public IReadOnlyList<TaskBody>? Tasks { get; init; }
}
