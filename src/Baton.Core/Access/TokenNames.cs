using Baton.Core.Errors;

namespace Baton.Core.Access;

/// <summary>
/// Rules for a token's name, which is recorded as <c>token:NAME</c> on what the token creates: 1 to 64 letters,
/// digits, '.', '_', '-' or '@', starting with a letter or digit, and never starting with the id prefix.
/// </summary>
public static class TokenNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>Throws invalid input, saying what is allowed, unless <paramref name="name"/> is a valid name.</summary>
    public static void Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw BatonException.Invalid("a token needs a name (--name), such as ci or alice-laptop");
        }

        if (name.Length > MaxLength)
        {
            throw BatonException.Invalid($"token name is {name.Length} characters long; the limit is {MaxLength}");
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            throw BatonException.Invalid($"token name '{name}' may hold only letters, digits, '.', '_', '-' and '@', and must start with a letter or digit");
        }

        if (name.StartsWith(TokenIds.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw BatonException.Invalid($"token name '{name}' must not start with '{TokenIds.Prefix}', which marks token ids");
        }
    }
}
