using System.Diagnostics.CodeAnalysis;
using Baton.Core.Errors;

namespace Baton.Core.Access;

/// <summary>Wire names of <see cref="TokenScope"/> (<c>read</c>, <c>write</c>, <c>admin</c>) and what each allows.</summary>
public static class TokenScopes
{
    /// <summary>Every scope's wire name, weakest first.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["read", "write", "admin"];

    /// <summary>The wire name.</summary>
    public static string ToWire(this TokenScope scope) => scope switch
    {
        TokenScope.Read => "read",
        TokenScope.Write => "write",
        TokenScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "no such scope"),
    };

    /// <summary>True if a token of this scope may do what <paramref name="needed"/> allows.</summary>
    public static bool Allows(this TokenScope scope, TokenScope needed) => scope >= needed;

    /// <summary>Parses a wire name (case and surrounding spaces ignored).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TokenScope? scope)
    {
        scope = text?.Trim().ToLowerInvariant() switch
        {
            "read" => TokenScope.Read,
            "write" => TokenScope.Write,
            "admin" => TokenScope.Admin,
            _ => null,
        };
        return scope is not null;
    }

    /// <summary>Parses a wire name; invalid input names the allowed values.</summary>
    public static TokenScope Parse(string? text) =>
        TryParse(text, out var scope)
            ? scope.Value
            : throw BatonException.Invalid($"unknown scope '{text}': use read (GET only), write (also create, change and cancel) or admin");
}
