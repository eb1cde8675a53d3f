namespace Baton.Core.Browser;

/// <summary>What became of a one-time sign-in code.</summary>
public enum BrowserCodeOutcome
{
    /// <summary>Used now: a session was opened.</summary>
    Opened,

    /// <summary>No such code.</summary>
    Unknown,

    /// <summary>Someone used it already.</summary>
    Used,

    /// <summary>Its two minutes are over.</summary>
    Expired,
}
