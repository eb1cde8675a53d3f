using Baton.Cli.Commands;
using Baton.Core.Application.Views;

namespace Baton.Tests.Cli;

public sealed class WebhookDeliveryPrinterTests
{
    [Theory]
    [InlineData(500, "HTTP 500", null)]
    [InlineData(302, "HTTP 302: redirects are not followed; give the final URL", "redirects are not followed; give the final URL")]
    [InlineData(410, "410 Gone: the receiver asked not to be called again; the endpoint is disabled", "the receiver asked not to be called again; the endpoint is disabled")]
    [InlineData(500, "HTTP 503", "HTTP 503")]
    [InlineData(null, "Connection refused (127.0.0.1:9)", "Connection refused (127.0.0.1:9)")]
    public void ErrorBeyondCode_LastErrorThatRepeatsTheCode_KeepsOnlyWhatTheCodeDoesNotSay(int? code, string error, string? expected) =>
        Assert.Equal(expected, WebhookDeliveryPrinter.ErrorBeyondCode(Delivery(code, error)));

    private static WebhookDeliveryView Delivery(int? code, string error) => new()
    {
        DeliveryId = "d1",
        WebhookId = "w1",
        EventId = 1,
        EventType = "task.completed",
        Status = "pending",
        Attempts = 2,
        LastStatusCode = code,
        LastError = error,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
