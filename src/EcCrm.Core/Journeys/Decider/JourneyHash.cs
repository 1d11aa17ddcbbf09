using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The journey's only source of chance: a SHA-256 of a salt and the enrollment id. Holdout groups, experiment arms and
/// random buckets are therefore the same on every replay, every host and every version of .NET.
/// </summary>
public static class JourneyHash
{
    /// <summary>A number from 0 to <paramref name="buckets"/> − 1.</summary>
    public static int Bucket(string enrollmentId, string salt, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        return (int)(Value($"{salt}\n{enrollmentId}") % (ulong)buckets);
    }

    /// <summary>A short code of capital letters and digits (no 0/O or 1/I) derived from the text.</summary>
    public static string Code(string text, int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var value = Value(text);
        var code = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            code.Append(alphabet[(int)(value % (ulong)alphabet.Length)]);
            value /= (ulong)alphabet.Length;
        }

        return code.ToString();
    }

    private static ulong Value(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
