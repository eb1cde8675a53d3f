namespace Baton.Configuration;

/// <summary>The node's flags of <c>baton serve</c> and <c>baton worker</c>: <c>--name</c> and the repeatable <c>--label</c>.</summary>
internal sealed record NodeFlags(string? Name, IReadOnlyList<string> Labels);
