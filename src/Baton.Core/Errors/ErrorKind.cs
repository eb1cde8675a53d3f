namespace Baton.Core.Errors;

/// <summary>What kind of failure a <see cref="BatonException"/> is; each boundary maps it in one place.</summary>
public enum ErrorKind
{
    /// <summary>The request was malformed or asked for something impossible (CLI exit 2, HTTP 400/422).</summary>
    InvalidInput,
    /// <summary>No such task or other object (CLI exit 3, HTTP 404).</summary>
    NotFound,
    /// <summary>The object is not in a state that allows the request (CLI exit 4, HTTP 409).</summary>
    Conflict,
    /// <summary>A needed resource is not there or busy: no daemon, a locked store (CLI exit 5, HTTP 503).</summary>
    Unavailable,
    /// <summary>The store is unreadable or from another version (CLI exit 6, HTTP 500 with this message).</summary>
    StoreFailure,
    /// <summary>The disk holding the store is full: nothing can be written until space is freed (CLI exit 5, HTTP 507).</summary>
    StorageFull,
}
