namespace Baton.Core.Initiatives;

/// <summary>What the rules of an initiative look at in one stream, and where it is written (for messages).</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="Phase">When it runs.</param>
/// <param name="DependsOn">Ids of the streams it waits for.</param>
/// <param name="TaskCount">How many tasks it has.</param>
/// <param name="Location">Where it is written, <c>plan.yaml:12</c>; empty for a stream not read from a file.</param>
public sealed record StreamOutline(string Id, StreamPhase Phase, IReadOnlyList<string> DependsOn, int TaskCount, string Location = "")
{
    /// <summary>The outline of a stored stream.</summary>
    public static StreamOutline Of(StreamDefinition stream) => new(stream.Id, stream.Phase, stream.DependsOn, stream.Tasks.Count);
}
