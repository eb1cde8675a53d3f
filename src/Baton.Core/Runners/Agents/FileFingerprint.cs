using System.Globalization;
using System.Security.Cryptography;

namespace Baton.Core.Runners.Agents;

/// <summary>
/// What a working-tree file held, cheaply comparable: its content's SHA-256 for ordinary files, a link's target,
/// "absent" for a missing file. Files past the byte budget are taken by size and modification time instead.
/// </summary>
internal static class FileFingerprint
{
    /// <summary>Files up to this size are hashed.</summary>
    public const long MaxHashedFileBytes = 8L * 1024 * 1024;

    /// <summary>The fingerprint of <paramref name="path"/>; <paramref name="budget"/> is what may still be read, and shrinks.</summary>
    public static string Of(string path, ref long budget)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                return "link:" + target;
            }

            if (Directory.Exists(path))
            {
                return "dir:" + Directory.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture);
            }

            if (!info.Exists)
            {
                return "absent";
            }

            if (info.Length > MaxHashedFileBytes || info.Length > budget)
            {
                return FormattableString.Invariant($"size:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
            }

            budget -= info.Length;
            using var stream = File.OpenRead(path);
            return "sha256:" + Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
