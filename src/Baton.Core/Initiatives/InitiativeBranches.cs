namespace Baton.Core.Initiatives;

/// <summary>
/// The git branches of an initiative. The initiative's own branch (foundation and integration work, and where the
/// streams are merged) is <c>baton/NAME/integration</c> rather than <c>baton/NAME</c>: git cannot hold both a branch
/// <c>baton/NAME</c> and branches under <c>baton/NAME/</c>.
/// </summary>
public static class InitiativeBranches
{
    /// <summary>The stream id that names the initiative's own branch, which no stream may take.</summary>
    public const string IntegrationName = "integration";

    public static string Integration(string initiativeName) => $"baton/{initiativeName}/{IntegrationName}";

    public static string Stream(string initiativeName, string streamId) => $"baton/{initiativeName}/{streamId}";
}
