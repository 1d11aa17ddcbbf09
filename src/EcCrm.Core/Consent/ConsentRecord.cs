using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Consent;

/// <summary>
/// One entry of a customer's consent ledger: what changed, when (as its source says, not when it was recorded), where it
/// was learnt and the evidence that shows it. Its <see cref="Id"/> is made of those facts alone, so the same change
/// learnt twice (a redelivered webhook, a replayed event) is the same record. Records are only ever added; an erasure
/// removes their <see cref="Evidence"/> and marks them <see cref="ErasedAt"/> (see <see cref="ConsentLedger"/>).
/// </summary>
public sealed record ConsentRecord
{
    public required CustomerKey Customer { get; init; }

    public required DateTimeOffset At { get; init; }

    public required ConsentChange Change { get; init; }

    public required ConsentSource Source { get; init; }

    /// <summary>What the source calls this change: an order id, an event's key, the caller's reference.</summary>
    public required string Reference { get; init; }

    /// <summary>A subscription group the change is about; <c>null</c> for all marketing e-mail.</summary>
    public string? Group { get; init; }

    /// <summary>The fields that show the change, by where they were read (<c>$.customer.email_marketing_consent.state</c>: <c>subscribed</c>).</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>When the customer was erased: the record is kept, without its evidence, only as long as the law asks.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Until when an erased customer's record is kept (a month after their last e-mail); <c>null</c> while the customer is held.</summary>
    public DateTimeOffset? KeepUntil { get; init; }

    /// <summary>
    /// The record's key: its time (so a customer's records sort by it) and a hash of its source, reference, change and
    /// group. The same facts always give the same key.
    /// </summary>
    public string Id => $"{At.UtcDateTime:yyyyMMdd'T'HHmmssfffffff'Z'}:{Hash($"{Source}|{Reference}|{Change}|{Group}")}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
