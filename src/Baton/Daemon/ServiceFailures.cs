using Baton.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Daemon;

/// <summary>
/// A background service that throws stops the host; the host's own report of that is filtered out with its start-up
/// stack traces, so the node says it here, once it has stopped: the command fails with the reason instead of exiting
/// 0 as if someone had stopped it.
/// </summary>
internal static class ServiceFailures
{
    public static void ThrowIfAny(IServiceProvider services)
    {
        var failed = services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Select(s => s.ExecuteTask?.Exception?.InnerException)
            .FirstOrDefault(e => e is not null);
        if (failed is not null)
        {
            throw new BatonException(
                failed is BatonException { Kind: var kind } ? kind : ErrorKind.Unavailable,
                $"the node stopped because one of its services failed: {failed.Message.TrimEnd('.')}",
                failed);
        }
    }
}
