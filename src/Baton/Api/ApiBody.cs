using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>Reads a request's JSON body into its body type, with errors that name what is wrong and where.</summary>
internal static class ApiBody
{
    /// <summary>The largest body accepted (1 MiB); larger ones get 413.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// How much of a refused body the server still reads (and drops) so that the client, which is still sending,
    /// gets the 413 instead of a broken connection; beyond it the connection is closed.
    /// </summary>
    public const long DrainBytes = 8 * MaxBytes;

    /// <summary>The body, or an <see cref="ApiInputException"/> for a body that is not one JSON object of that type.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiInputException(
                $"send the body as JSON with the header Content-Type: application/json (got {(request.ContentType is { Length: > 0 } given ? $"'{given}'" : "none")})",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        // Bodies are small: reading one whole bounds it exactly, also when it comes chunked without a length.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxBytes)
                {
                    throw TooLarge();
                }
            }

            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), type) ?? throw new ApiInputException("the body must be a JSON object, not null");
        }
        catch (JsonException ex)
        {
            throw JsonErrors.Describe(ex, type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Like <see cref="ReadAsync{T}"/>, for a body that may be left out (no content at all): then <paramref name="empty"/>.</summary>
    public static Task<T> ReadOptionalAsync<T>(HttpRequest request, JsonTypeInfo<T> type, T empty, CancellationToken cancellationToken = default)
        where T : class =>
        request.ContentLength == 0 || request.ContentLength is null && request.ContentType is null && !request.Headers.TransferEncoding.Any()
            ? Task.FromResult(empty)
            : ReadAsync(request, type, cancellationToken);

    /// <summary>The error for a body over <see cref="MaxBytes"/>.</summary>
    public static ApiInputException TooLarge() =>
        new($"the body is larger than {MaxBytes / 1024 / 1024} MiB, the limit; a prompt may be at most 256 KiB", statusCode: StatusCodes.Status413PayloadTooLarge);
}
