using System.Globalization;

namespace Baton.Core.Access;

/// <summary>The accounts of this machine, as far as access rules need them: who runs Baton, and a uid's name.</summary>
public static class LocalUsers
{
    /// <summary>The effective uid of this process: the owner of the daemon and of its data directory.</summary>
    public static int CurrentUid { get; } = ReadEffectiveUid();

    /// <summary>The account name of <paramref name="uid"/> from /etc/passwd, or "uid N" if it has none.</summary>
    public static string NameOf(int uid)
    {
        try
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == id)
                {
                    return fields[0];
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Fall through to the number.
        }

        return $"uid {uid}";
    }

    /// <summary>"Uid: real effective saved fs" in /proc/self/status; .NET has no public API for it.</summary>
    private static int ReadEffectiveUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line[4..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                return int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("/proc/self/status has no Uid line");
    }
}
