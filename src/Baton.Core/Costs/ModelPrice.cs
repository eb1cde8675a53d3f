namespace Baton.Core.Costs;

/// <summary>What a model costs, in USD per million tokens of each kind.</summary>
/// <param name="Input">Input tokens that were not read from the cache.</param>
/// <param name="Output">Output tokens (reasoning included).</param>
/// <param name="CacheRead">Input tokens read from the prompt cache.</param>
/// <param name="CacheWrite">Input tokens written to the prompt cache.</param>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite);
