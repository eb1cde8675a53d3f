using System.Globalization;
using System.Text.Json;
using Baton.Core.Errors;

namespace Baton.Core.Sessions;

/// <summary>
/// Measures a capsule the way it is stored and handed on (compact UTF-8 JSON with the wire's field names) and refuses
/// one over <see cref="CapsuleRules.MaxBytes"/>, naming its largest fields so the agent knows what to shorten.
/// </summary>
public static class CapsuleSize
{
    /// <summary>The capsule's size in bytes as compact UTF-8 JSON, its one wire form.</summary>
    public static int Of(ContextCapsule capsule) => CapsuleJson.ByteCount(capsule);

    /// <summary>Refuses a capsule over the limit with a message that says what to shorten.</summary>
    public static void Check(ContextCapsule capsule)
    {
        var size = Of(capsule);
        if (size <= CapsuleRules.MaxBytes)
        {
            return;
        }

        var largest = FieldSizes(capsule).Where(f => f.Bytes > 0).OrderByDescending(f => f.Bytes).Take(2)
            .Select(f => $"{f.Name} ({Number(f.Bytes)} bytes)");
        throw new BatonException(
            ErrorKind.InvalidInput,
            $"the capsule is {Number(size)} bytes; the limit is {Number(CapsuleRules.MaxBytes)}: keep decisions and next steps, shorten completed steps and drop file contents (largest: {string.Join(", ", largest)})");
    }

    private static IEnumerable<(string Name, int Bytes)> FieldSizes(ContextCapsule capsule)
    {
        yield return (CapsuleFields.CurrentTask, JsonSerializer.SerializeToUtf8Bytes(capsule.CurrentTask, CapsuleSizeJsonContext.Default.String).Length);
        foreach (var (name, items) in CapsuleFields.Lists(capsule))
        {
            yield return (name, items.Sum(i => JsonSerializer.SerializeToUtf8Bytes(i, CapsuleSizeJsonContext.Default.String).Length + 1));
        }

        yield return (CapsuleFields.Decisions, capsule.Decisions.Sum(d =>
            JsonSerializer.SerializeToUtf8Bytes(d.Decision, CapsuleSizeJsonContext.Default.String).Length
            + JsonSerializer.SerializeToUtf8Bytes(d.Reason, CapsuleSizeJsonContext.Default.String).Length + 24));
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
