namespace Baton.Core.Access;

/// <summary>What an API token may do. Each scope includes the ones before it.</summary>
public enum TokenScope
{
    /// <summary>Read only: over REST, GET and HEAD.</summary>
    Read = 1,

    /// <summary>Read, and create, change or cancel tasks and workflows.</summary>
    Write = 2,

    /// <summary>Everything a write token may do, and administration as it is added.</summary>
    Admin = 3,
}
