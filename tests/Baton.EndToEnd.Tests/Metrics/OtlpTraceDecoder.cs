namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>
/// Reads the spans out of an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> by the wire format alone, taking only
/// the fields the tests check (opentelemetry/proto/trace/v1/trace.proto): resource_spans (1) → scope_spans (2) →
/// spans (2), each with trace_id (1), span_id (2), parent_span_id (4), name (5), start (7), end (8), attributes (9)
/// and status (15, code 3).
/// </summary>
internal static class OtlpTraceDecoder
{
    public static IEnumerable<OtlpSpan> Spans(byte[] request)
    {
        foreach (var resourceSpans in Messages(request, 1))
        {
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                foreach (var span in Messages(scopeSpans, 2))
                {
                    yield return Span(span);
                }
            }
        }
    }

    private static OtlpSpan Span(byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        ulong start = 0, end = 0;
        var status = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value, number) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = System.Text.Encoding.UTF8.GetString(value); break;
                case 7: start = number; break;
                case 8: end = number; break;
                case 9:
                    var (key, text) = Attribute(value);
                    attributes[key] = text;
                    break;
                case 15: status = (int)Fields(value).Where(f => f.Field == 3).Select(f => f.Number).FirstOrDefault(); break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, start, end, attributes, status);
    }

    /// <summary>A KeyValue: key (1) and AnyValue (2) holding a string (1), bool (2) or int (3).</summary>
    private static (string Key, string Value) Attribute(byte[] keyValue)
    {
        var key = "";
        var text = "";
        foreach (var (field, value, _) in Fields(keyValue))
        {
            if (field == 1)
            {
                key = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (field == 2)
            {
                foreach (var (kind, inner, number) in Fields(value))
                {
                    text = kind switch
                    {
                        1 => System.Text.Encoding.UTF8.GetString(inner),
                        2 => number != 0 ? "true" : "false",
                        3 => ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => text,
                    };
                }
            }
        }

        return (key, text);
    }

    private static IEnumerable<byte[]> Messages(byte[] message, int field) => Fields(message).Where(f => f.Field == field).Select(f => f.Bytes);

    /// <summary>Each field of a message: its number, and its bytes (length-delimited) or its number (varint, fixed).</summary>
    private static List<(int Field, byte[] Bytes, ulong Number)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[], ulong)>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    fields.Add((field, [], Varint(message, ref at)));
                    break;
                case 1:
                    fields.Add((field, [], BitConverter.ToUInt64(message, at)));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((field, message[at..(at + length)], 0));
                    at += length;
                    break;
                case 5:
                    fields.Add((field, [], BitConverter.ToUInt32(message, at)));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"unexpected protobuf wire type {tag & 7} at byte {at}");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
