using Baton.Core.Errors;

namespace Baton.Core.Application.Listing;

/// <summary>A task list filter that cannot be read: invalid input, naming the filter and what it accepts.</summary>
public sealed class TaskFilterException(string field, string message) : BatonException(ErrorKind.InvalidInput, message)
{
    /// <summary>The filter at fault, by its wire name (<c>status</c>, <c>since</c>, ...).</summary>
    public string Field { get; } = field;
}
