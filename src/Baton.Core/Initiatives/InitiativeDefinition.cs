namespace Baton.Core.Initiatives;

/// <summary>An initiative: work on one git repository, split into streams.</summary>
/// <param name="Name">Unique among initiatives; a git branch name component (it names the branches).</param>
/// <param name="Repository">The repository's top-level directory.</param>
/// <param name="Base">What the initiative's branch starts from (a ref); null: the repository's HEAD when it starts.</param>
/// <param name="MaxParallel">At most this many parallel streams (5 unless configured).</param>
/// <param name="Streams">Its streams.</param>
public sealed record InitiativeDefinition(string Name, string Repository, string? Base, int MaxParallel, IReadOnlyList<StreamDefinition> Streams)
{
    /// <summary>The default limit on parallel streams.</summary>
    public const int DefaultMaxParallel = 5;
}
