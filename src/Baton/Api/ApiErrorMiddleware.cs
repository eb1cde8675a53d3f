using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Baton.Api;

/// <summary>
/// In front of the REST routes: bounds request bodies, and answers every failure — thrown by a route or by body
/// reading, or routing's own 404, 405 and 415 — with problem details through <see cref="ApiProblems"/>.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Bodies over 1 MiB are refused by ApiBody; up to this much more is read and dropped to deliver the 413.
            limit.MaxRequestBodySize = ApiBody.DrainBytes;
        }

        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var (status, title, detail, field) = ApiProblems.For(ex);
            if (ApiProblems.IsServerFault(status))
            {
                LogFailure(context.Request.Method, Access.RedactedPath.Of(context.Request.Path), context.TraceIdentifier, ex);
            }

            context.Response.Clear();
            await ApiProblems.ToResult(status, title, detail, field, context).ExecuteAsync(context);
            return;
        }

        if (context.Response.HasStarted || context.Response.ContentLength > 0)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
        {
            await Write(context, StatusCodes.Status404NotFound,
                $"there is no route {context.Request.Method} {Access.RedactedPath.Of(context.Request.Path)}; the routes are described at /openapi/v1.json");
        }
        else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await Write(context, StatusCodes.Status405MethodNotAllowed,
                $"{Access.RedactedPath.Of(context.Request.Path)} does not take {context.Request.Method}; the routes are described at /openapi/v1.json");
        }
        else if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            await Write(context, StatusCodes.Status415UnsupportedMediaType,
                $"send the body as JSON with the header Content-Type: application/json (got '{context.Request.ContentType}')");
        }
    }

    private static Task Write(HttpContext context, int status, string detail) =>
        ApiProblems.ToResult(status, ApiProblems.Title(status), detail, null, context).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Error, Message = "REST {Method} {Path} failed (trace id {TraceId})")]
    private partial void LogFailure(string method, string path, string traceId, Exception exception);
}
