using Baton.AgentCli.Tests.Harness;

namespace Baton.EndToEnd.Tests.Harness;

/// <summary>The baton executable the tests start (see <see cref="BatonProgram"/>) and the checkout it was built from.</summary>
internal static class BatonExecutable
{
    public static string Path => BatonProgram.Path;

    /// <summary>The repository's root folder (where Baton.slnx is).</summary>
    public static string RepositoryRoot => Baton.AgentCli.Tests.Harness.RepositoryRoot.Path;
}
