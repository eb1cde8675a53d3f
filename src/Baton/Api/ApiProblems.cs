using Baton.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>
/// The REST API's one mapping from failures to RFC 9457 problem details: Baton's error kinds, unreadable requests, and
/// anything else as a generic 500 that shows no internals.
/// </summary>
internal static class ApiProblems
{
    /// <summary>What a failure is answered with: status, title, the message for the caller, and the field at fault.</summary>
    public static (int Status, string Title, string Detail, string? Field) For(Exception exception) => exception switch
    {
        ApiInputException input => (input.StatusCode, Title(input.StatusCode), input.Message, input.Field),
        BatonException baton => baton.Kind switch
        {
            ErrorKind.InvalidInput => Problem(StatusCodes.Status422UnprocessableEntity, baton.Message),
            ErrorKind.NotFound => Problem(StatusCodes.Status404NotFound, baton.Message),
            ErrorKind.Conflict => Problem(StatusCodes.Status409Conflict, baton.Message),
            ErrorKind.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, baton.Message),
            ErrorKind.StorageFull => Problem(StatusCodes.Status507InsufficientStorage, baton.Message),
            // The store's own messages are written for the user (unreadable file, newer schema); they stay 500s.
            _ => Problem(StatusCodes.Status500InternalServerError, baton.Message),
        },
        // Kestrel's and the framework's own: a body over the limit (413), a request body cut short (400), ...
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => For(ApiBody.TooLarge()),
        BadHttpRequestException bad => Problem(bad.StatusCode, bad.Message),
        // Not the caller's cancellation (that one is not answered): the daemon stopping under a request.
        OperationCanceledException => Problem(StatusCodes.Status503ServiceUnavailable, "the request was interrupted, the daemon may be shutting down; try again"),
        _ => Problem(StatusCodes.Status500InternalServerError, "internal error; this is a bug in Baton, please report it (the daemon's log has the details)"),
    };

    /// <summary>Whether the failure is a bug or a broken store, to be logged with its stack trace.</summary>
    public static bool IsServerFault(int status) => status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable;

    /// <summary>The problem details to write; a server fault carries the trace id that its log line names.</summary>
    public static IResult ToResult(int status, string title, string detail, string? field, HttpContext context)
    {
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (IsServerFault(status))
        {
            extensions["trace_id"] = context.TraceIdentifier;
        }

        return TypedResults.Problem(detail: detail, instance: Access.RedactedPath.Of(context.Request.Path), statusCode: status, title: title, extensions: extensions);
    }

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status410Gone => "Gone",
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status422UnprocessableEntity => "Invalid input",
        StatusCodes.Status503ServiceUnavailable => "Unavailable",
        StatusCodes.Status507InsufficientStorage => "Insufficient storage",
        >= 500 => "Internal error",
        _ => "Request failed",
    };

    private static (int, string, string, string?) Problem(int status, string detail) => (status, Title(status), detail, null);
}
