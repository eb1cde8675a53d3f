using Baton.Configuration;

namespace Baton.Cli;

/// <summary>The data directory as the CLI meets it: created private, or tightened once, saying so when it was not.</summary>
internal static class CliHome
{
    /// <summary>Creates or tightens the data directory; tells the user what it had to change.</summary>
    public static void Secure(BatonSettings settings)
    {
        var tightened = settings.SecureHome();
        if (tightened.Count > 0)
        {
            CliOutput.Note($"Made Baton's data directory private to {Environment.UserName} (other accounts could read it): {string.Join("; ", tightened)}");
        }
    }
}
