namespace Baton.Core.Runners;

/// <summary>The runners this process knows, by name.</summary>
public sealed class RunnerRegistry(IEnumerable<IRunner> runners)
{
    private readonly Dictionary<string, IRunner> byName = runners.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Known runner names, sorted.</summary>
    public IReadOnlyList<string> Names => field ??= [.. byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The runner called <paramref name="name"/>, or null.</summary>
    public IRunner? Find(string name) => byName.GetValueOrDefault(name);
}
