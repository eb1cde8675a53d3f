namespace Baton.Core.Processes;

/// <summary>The wire names of <see cref="ContainmentMode"/>: auto, cgroup, subreaper.</summary>
public static class ContainmentModes
{
    /// <summary>Every name, for messages.</summary>
    public static readonly IReadOnlyList<string> AllNames = ["auto", "cgroup", "subreaper"];

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out ContainmentMode mode)
    {
        (var known, mode) = text switch
        {
            "auto" => (true, ContainmentMode.Auto),
            "cgroup" => (true, ContainmentMode.Cgroup),
            "subreaper" => (true, ContainmentMode.Subreaper),
            _ => (false, ContainmentMode.Auto),
        };
        return known;
    }
}
