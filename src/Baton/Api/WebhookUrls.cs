using Baton.Core.Errors;
using Baton.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Baton.Api;

/// <summary>Checks a body's webhook_url up front, so that a refused URL is answered like any bad field (422 naming it).</summary>
internal static class WebhookUrls
{
    public static void Check(WebhookService webhooks, string? url)
    {
        if (url is null)
        {
            return;
        }

        try
        {
            webhooks.CheckUrl(url, "webhook_url");
        }
        catch (BatonException ex) when (ex.Kind == ErrorKind.InvalidInput)
        {
            throw new ApiInputException(ex.Message, "webhook_url", StatusCodes.Status422UnprocessableEntity);
        }
    }
}
