using Baton.EndToEnd.Tests.Api;

namespace Baton.EndToEnd.Tests.Webhooks;

/// <summary>Bad webhook requests over REST, against one daemon they leave unchanged.</summary>
public sealed class WebhooksApiBadInputTests(ApiDaemonFixture fixture) : IClassFixture<ApiDaemonFixture>
{
    private readonly ApiDaemon api = fixture.Api;

    [Theory]
    [InlineData("GET", "/api/v1/webhooks?all=maybe", 400, "all must be true or false")]
    [InlineData("GET", "/api/v1/webhooks/wh_nothing/deliveries", 404, "no webhook")]
    [InlineData("GET", "/api/v1/webhooks/wh_nothing/deliveries?limit=0", 422, "limit must be between 1 and 1000")]
    [InlineData("GET", "/api/v1/webhooks/wh_nothing/deliveries?failed=perhaps", 400, "failed must be true or false")]
    [InlineData("POST", "/api/v1/webhooks/deliveries/msg_nothing/redeliver", 404, "no webhook delivery with id 'msg_nothing'")]
    public async Task Webhooks_BadRequest_Problem(string method, string path, int status, string detail)
    {
        using var response = method == "GET" ? await api.Http.GetAsync(path) : await api.PostAsync(path, string.Empty);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, (await ApiDaemon.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
