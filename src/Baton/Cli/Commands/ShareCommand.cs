using System.CommandLine;
using Baton.Core.Shares;
using Baton.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Commands;

/// <summary><c>baton share ...</c>: read-only links to a task or a workflow (signed, expiring, revocable).</summary>
internal static class ShareCommand
{
    public static Command Create() => new(
        "share",
        "Share a task or a workflow read-only: a link anyone who has it can open in a browser, without a token, until it expires or is revoked")
    {
        ShareCreateCommand.Create(),
        ShareListCommand.Create(),
        ShareRevokeCommand.Create(),
    };

    /// <summary>The share service over this data directory's store, with the task and workflow layer to resolve ids.</summary>
    public static async Task<(ShareService Shares, CliRuntime Runtime)> OpenAsync(CancellationToken cancellationToken = default)
    {
        var runtime = await CliRuntime.OpenAsync(cancellationToken);
        return (new ShareService(runtime.Stores.GetRequiredService<IBrowserAccessStore>(), TimeProvider.System), runtime);
    }
}
