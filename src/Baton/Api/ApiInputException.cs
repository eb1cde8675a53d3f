using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>
/// A request that cannot be read as asked (malformed JSON, a wrong type, an unknown property, a bad query value or
/// cursor): 400 unless said otherwise, with the field it is about when there is one.
/// </summary>
internal sealed class ApiInputException(string message, string? field = null, int statusCode = StatusCodes.Status400BadRequest)
    : BadHttpRequestException(message, statusCode)
{
    /// <summary>The body property or query parameter at fault (a JSON path below the body, e.g. <c>tags[2]</c>).</summary>
    public string? Field { get; } = field;
}
