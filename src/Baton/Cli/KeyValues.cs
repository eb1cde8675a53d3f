using Baton.Core.Errors;

namespace Baton.Cli;

/// <summary>Parses repeated KEY=VALUE options (--env, --metadata).</summary>
internal static class KeyValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string>? items, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw BatonException.Invalid($"{option} '{item}' must look like KEY=VALUE");
            }

            result[item[..equals]] = item[(equals + 1)..];
        }

        return result;
    }
}
