using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// Makes paging cursors opaque and tamper-evident, yet short and URL-safe (28 characters): a version byte, the
/// position (an id) and a 96-bit HMAC-SHA256 tag over both and the list's path, with a key derived from the
/// signing keys. Every host instance that shares the keys accepts the others' cursors, and a cursor made before a
/// key rotation stays valid while its key is still a validation key.
/// </summary>
public sealed class CursorProtector(AuthSettings auth)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + sizeof(long);
    private const int TagLength = 12;
    private const int CursorLength = 28;

    private readonly IReadOnlyList<byte[]> _keys = auth.DeriveKeys("coo:paging-cursor:v1");

    public string Protect(string list, long position)
    {
        var cursor = new byte[PayloadLength + TagLength];
        cursor[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(cursor.AsSpan(1, sizeof(long)), position);
        Tag(_keys[0], list, cursor.AsSpan(0, PayloadLength)).AsSpan(0, TagLength).CopyTo(cursor.AsSpan(PayloadLength));
        return WebEncoders.Base64UrlEncode(cursor);
    }

    public bool TryUnprotect(string list, string cursor, out long position)
    {
        position = 0;
        if (cursor.Length != CursorLength)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != PayloadLength + TagLength || bytes[0] != Version)
        {
            return false;
        }

        var payload = bytes.AsSpan(0, PayloadLength);
        var tag = bytes.AsSpan(PayloadLength);
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(Tag(key, list, payload).AsSpan(0, TagLength), tag))
            {
                position = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
                return position > 0;
            }
        }

        return false;
    }

    private static byte[] Tag(byte[] key, string list, ReadOnlySpan<byte> payload)
    {
        var path = Encoding.UTF8.GetBytes(list);
        var message = new byte[path.Length + 1 + payload.Length];
        path.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(path.Length + 1));
        return HMACSHA256.HashData(key, message);
    }
}
