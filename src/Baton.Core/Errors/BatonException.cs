namespace Baton.Core.Errors;

/// <summary>
/// A failure whose message is written for the user: it says what was wrong and what to do. Boundaries show the
/// message as it is; any other exception is a bug and is shown only as a generic message.
/// </summary>
public class BatonException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public BatonException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>What kind of failure this is.</summary>
    public ErrorKind Kind { get; }

    /// <summary>An invalid-input error.</summary>
    public static BatonException Invalid(string message) => new(ErrorKind.InvalidInput, message);

    /// <summary>A not-found error.</summary>
    public static BatonException NotFound(string message) => new(ErrorKind.NotFound, message);

    /// <summary>A conflict error.</summary>
    public static BatonException Conflict(string message) => new(ErrorKind.Conflict, message);
}
