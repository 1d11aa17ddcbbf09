using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>Reads the parts of an enrollment id, <c>{journeyId}:{customerKey}:{cycle}</c>.</summary>
public static class EnrollmentIds
{
    public static bool TryParse(string? enrollmentId, out string journeyId, out CustomerKey customer, out int cycle)
    {
        journeyId = string.Empty;
        customer = default;
        cycle = 0;
        var parts = enrollmentId?.Split(':');
        return parts is { Length: 3 }
            && parts[0].Length > 0
            && CustomerKey.TryParse(parts[1], out customer)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cycle)
            && (journeyId = parts[0]).Length > 0;
    }

    public static CustomerKey CustomerOf(string enrollmentId) =>
        TryParse(enrollmentId, out _, out var customer, out _) ? customer : throw new FormatException($"'{enrollmentId}' is not an enrollment id.");

    /// <summary>The enrollment an idempotency key (<c>{enrollmentId}:{nodeId}:{visit}</c>) belongs to, or <c>null</c>.</summary>
    public static string? FromIdempotencyKey(string? idempotencyKey)
    {
        var parts = idempotencyKey?.Split(':');
        if (parts is not { Length: 5 })
        {
            return null;
        }

        var enrollmentId = string.Join(':', parts[..3]);
        return TryParse(enrollmentId, out _, out _, out _) ? enrollmentId : null;
    }
}
