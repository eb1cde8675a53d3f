namespace Baton.Core.Application.Fields;

/// <summary>What a task field holds on the wire, which decides how each interface reads and describes it.</summary>
public enum TaskFieldKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A string from a fixed set of names.</summary>
    Choice,

    /// <summary>A whole number within a range.</summary>
    Integer,

    /// <summary>An amount of money in USD, e.g. 5 or 2.50.</summary>
    Amount,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A list of strings.</summary>
    TextList,

    /// <summary>An object of string values keyed by name.</summary>
    TextMap,

    /// <summary>An ISO 8601 time with its offset, e.g. 2026-11-21T18:00:00Z.</summary>
    Time,
}
