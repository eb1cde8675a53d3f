using System.Security.Cryptography;

namespace Baton.Core.Sessions;

/// <summary>
/// Capsule ids: <c>cap_</c>, the save time in milliseconds as 10 base32 characters, then 16 random ones (80 bits).
/// Ids sort by the time they were made, so the newest of capsules saved in the same millisecond is still well defined.
/// </summary>
public static class CapsuleIds
{
    /// <summary>The prefix every capsule id starts with.</summary>
    public const string Prefix = "cap_";

    /// <summary>The length of an id.</summary>
    public const int Length = 30;

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>A new id for a capsule saved at <paramref name="at"/>.</summary>
    public static string New(DateTimeOffset at)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var time = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());
        var high = BitConverter.ToUInt64(random);
        var low = BitConverter.ToUInt16(random[8..]);
        return string.Create(Length, (time, high, low), static (chars, state) =>
        {
            Prefix.CopyTo(chars);
            var (time, high, low) = state;
            // Most significant first, so that text order is time order.
            for (var i = 13; i >= 4; i--)
            {
                chars[i] = Alphabet[(int)(time & 31)];
                time >>= 5;
            }

            for (var i = 14; i < 26; i++)
            {
                chars[i] = Alphabet[(int)(high & 31)];
                high >>= 5;
            }

            for (var i = 26; i < Length; i++)
            {
                chars[i] = Alphabet[low & 31];
                low >>= 5;
            }
        });
    }

    /// <summary>True if <paramref name="text"/> has the shape of a capsule id.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.StartsWith(Prefix, StringComparison.Ordinal) && text.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
