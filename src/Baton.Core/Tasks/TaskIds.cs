using System.Security.Cryptography;

namespace Baton.Core.Tasks;

/// <summary>
/// Task ids: 12 characters of lowercase Crockford base32 (60 random bits). Short enough to type, and a unique
/// prefix of four or more characters is accepted wherever an id is.
/// </summary>
public static class TaskIds
{
    /// <summary>Length of a full id.</summary>
    public const int Length = 12;

    /// <summary>The shortest prefix that is looked up as an id.</summary>
    public const int MinimumPrefix = 4;

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>What an id looks like, for messages about one that is not: which characters, how many.</summary>
    public static readonly string Shape =
        $"ids are {Length} characters, digits and the letters a to z without i, l, o and u (a unique prefix of {MinimumPrefix} or more works too)";

    /// <summary>A new random id.</summary>
    public static string New()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return FromBits(BitConverter.ToUInt64(random));
    }

    /// <summary>The id spelt by the low 60 bits of <paramref name="bits"/>: a derived id (a schedule's occurrence) looks like any other.</summary>
    public static string FromBits(ulong bits)
    {
        return string.Create(Length, bits, static (chars, value) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    /// <summary>True if <paramref name="text"/> could be an id or an id prefix (alphabet and length only).</summary>
    public static bool LooksLikeIdOrPrefix(string text) =>
        text.Length is >= MinimumPrefix and <= Length && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
