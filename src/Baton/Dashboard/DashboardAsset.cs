using System.IO.Compression;
using System.Security.Cryptography;

namespace Baton.Dashboard;

/// <summary>
/// One file of the dashboard as served: its bytes, compressed with gzip and brotli on first request (once, kept in
/// memory; the files are small and never change while the process runs), and an ETag per encoding.
/// </summary>
internal sealed class DashboardAsset
{
    private readonly Lazy<byte[]> gzip;
    private readonly Lazy<byte[]> brotli;

    public DashboardAsset(string name, string contentType, byte[] content)
    {
        Name = name;
        ContentType = contentType;
        Content = content;
        Tag = Convert.ToHexStringLower(SHA256.HashData(content))[..20];
        gzip = new Lazy<byte[]>(() => Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true)));
        brotli = new Lazy<byte[]>(() => Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true)));
    }

    /// <summary>The file's name, as in <c>/assets/NAME</c>.</summary>
    public string Name { get; }

    public string ContentType { get; }

    /// <summary>The file as built.</summary>
    public byte[] Content { get; }

    /// <summary>What the ETags are made of: the start of the content's SHA-256.</summary>
    public string Tag { get; }

    /// <summary>The bytes to send for an encoding (<c>br</c>, <c>gzip</c>, or null for none) and that representation's ETag.</summary>
    public (byte[] Body, string ETag) For(string? encoding) => encoding switch
    {
        "br" => (brotli.Value, $"\"{Tag}-br\""),
        "gzip" => (gzip.Value, $"\"{Tag}-gz\""),
        _ => (Content, $"\"{Tag}\""),
    };

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(content);
        }

        return output.ToArray();
    }
}
