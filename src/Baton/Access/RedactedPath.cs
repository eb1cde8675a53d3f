using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// A request path as logs and error answers may show it: a share link's token (<c>/share/TOKEN</c>,
/// <c>/api/v1/shared/TOKEN/...</c>) is a credential and is replaced by <c>{token}</c>. (One-time codes travel in the
/// query string, which neither shows.)
/// </summary>
internal static class RedactedPath
{
    public static string Of(PathString path)
    {
        var value = path.Value ?? "/";
        foreach (var prefix in (string[])["/api/v1/shared/", "/share/"])
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var rest = value[prefix.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                return prefix + "{token}" + (slash < 0 ? string.Empty : rest[slash..]);
            }
        }

        return value;
    }
}
