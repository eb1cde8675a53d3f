using System.CommandLine;
using Baton.Configuration;
using Baton.Core.Access;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Commands;

/// <summary><c>baton token ...</c>: the API tokens that HTTP callers (REST, MCP over HTTP) present to the daemon.</summary>
internal static class TokenCommand
{
    public static Command Create() => new(
        "token",
        "Manage API tokens for REST and MCP over HTTP. The daemon asks for one when it serves on an address other "
        + "machines can reach, or when baton.json sets \"require_tokens\": true; callers send 'Authorization: Bearer TOKEN'")
    {
        TokenCreateCommand.Create(),
        TokenListCommand.Create(),
        TokenRevokeCommand.Create(),
    };

    /// <summary>The token service over this data directory's store (opened and migrated). No daemon is needed.</summary>
    public static async Task<TokenService> OpenAsync(CancellationToken cancellationToken = default)
    {
        var settings = SettingsLoader.Load();
        var stores = await CliStore.OpenAsync(settings, cancellationToken: cancellationToken);
        return new TokenService(stores.GetRequiredService<ITokenStore>(), TimeProvider.System);
    }
}
