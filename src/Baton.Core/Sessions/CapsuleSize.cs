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
    /// <summary>The capsule's size in bytes as compact UTF-8 JSON.</summary>
    public static int Of(ContextCapsule capsule) => Write(capsule).Length;

    /// <summary>The capsule as compact UTF-8 JSON with the wire's field names (every field, lists possibly empty).</summary>
    public static byte[] Write(ContextCapsule capsule)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(CapsuleFields.CurrentTask, capsule.CurrentTask);
            WriteList(writer, CapsuleFields.CompletedSteps, capsule.CompletedSteps);
            WriteList(writer, CapsuleFields.NextSteps, capsule.NextSteps);
            writer.WriteStartArray(CapsuleFields.Decisions);
            foreach (var decision in capsule.Decisions)
            {
                writer.WriteStartObject();
                writer.WriteString(CapsuleFields.Decision, decision.Decision);
                writer.WriteString(CapsuleFields.Reason, decision.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteList(writer, CapsuleFields.Files, capsule.Files);
            WriteList(writer, CapsuleFields.OpenQuestions, capsule.OpenQuestions);
            WriteList(writer, CapsuleFields.FailedApproaches, capsule.FailedApproaches);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

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

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
