using System.Net.Http.Headers;
using System.Text;
using Baton.Core.Webhooks;

namespace Baton.Webhooks;

/// <summary>
/// Sends one attempt: POST of the frozen body with the Standard Webhooks headers. Redirects are never followed, no
/// proxy is used (it would connect for us, past the address check), and every connection goes through
/// <see cref="GuardedConnector"/>. An attempt is bounded by <see cref="WebhookOptions.Timeout"/>, connecting included.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient client;
    private readonly WebhookOptions options;
    private readonly TimeProvider time;

    public WebhookSender(IHostResolver resolver, WebhookOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        var connector = new GuardedConnector(resolver, options.AllowPrivate);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // Connections are reused, but not for long: a name is resolved and checked again at least every minute.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, cancellationToken) => connector.ConnectAsync(context.DnsEndPoint, cancellationToken),
        };
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends the body once; what came back, or why nothing did.</summary>
    public async Task<AttemptResult> SendAsync(Uri url, string id, long timestamp, string signature, string body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.TryAddWithoutValidation("User-Agent", "Baton");
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values)
                ? RetryAfter.Parse(values.FirstOrDefault(), time.GetUtcNow())
                : null;
            return AttemptResult.Answered((int)response.StatusCode, retryAfter);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.NoAnswer($"no answer within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return AttemptResult.Refused(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            // The inner error often says the same ("Connection refused (host:port)" around "Connection refused").
            return AttemptResult.NoAnswer(ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.OrdinalIgnoreCase)
                ? $"{ex.Message} ({inner.Message})"
                : ex.Message);
        }
    }

    public void Dispose() => client.Dispose();

    private static WebhookRefusedException? Refusal(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is WebhookRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
