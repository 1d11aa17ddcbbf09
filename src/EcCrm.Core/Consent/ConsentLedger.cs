using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Consent;

/// <summary>
/// The rules of the consent ledger. A customer's marketing consent is the latest of their records that is about all
/// marketing (a group's unsubscribe is a suppression of that group) and not erased; with none, there is no recorded
/// opt-in and no marketing e-mail goes to them. Orders give a record when the consent they report changes; a platform
/// that dates its consent (Shopify's <c>consent_updated_at</c>) gives one record per dated change however many orders
/// repeat it. Pure: the host stores the records, keyed by <see cref="ConsentRecord.Id"/>.
/// </summary>
public static class ConsentLedger
{
    /// <summary>How long after a customer's last e-mail the record of their consent is kept, also after an erasure: a month at least (Japan's Act on Specified Electronic Mail).</summary>
    public static readonly TimeSpan RetentionAfterLastEmail = TimeSpan.FromDays(31);

    /// <summary>
    /// The customer's consent to marketing e-mail as the ledger records it: <c>true</c> after an opt-in, <c>false</c>
    /// after an opt-out, <c>null</c> when nothing is recorded. Of two records at the same moment the opt-out counts.
    /// </summary>
    public static bool? Current(IEnumerable<ConsentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Where(record => record.ErasedAt is null && record.Group is null)
            .OrderBy(record => record.At)
            .ThenBy(record => record.Change == ConsentChange.OptOut ? 1 : 0)
            .LastOrDefault() is { } latest
            ? latest.Change == ConsentChange.OptIn
            : null;
    }

    /// <summary>The consent changes the customer's orders report, each with the fields that show it.</summary>
    public static IReadOnlyList<ConsentRecord> FromOrders(CustomerKey customer, IReadOnlyList<OrderRecord> orders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var records = new List<ConsentRecord>();
        bool? previous = null;
        DateTimeOffset? previousStamp = null;
        var reports = orders
            .Where(order => order.Customer.AcceptsMarketing is not null)
            .Select(order => (Order: order, At: order.Customer.ConsentUpdatedAt ?? order.UpdatedAt))
            .OrderBy(report => report.At)
            .ThenBy(report => report.Order.OrderId, StringComparer.Ordinal);
        foreach (var (order, at) in reports)
        {
            var accepts = order.Customer.AcceptsMarketing!.Value;
            var stamp = order.Customer.ConsentUpdatedAt;
            if (accepts == previous && (stamp is null || stamp == previousStamp))
            {
                continue;
            }

            (previous, previousStamp) = (accepts, stamp);
            var evidence = new Dictionary<string, string>(order.Customer.ConsentEvidence, StringComparer.Ordinal)
            {
                ["order"] = order.OrderNumber is { } number ? $"{order.OrderId} ({number})" : order.OrderId,
                ["orderUpdatedAt"] = order.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["acceptsMarketing"] = accepts ? "true" : "false",
            };
            records.Add(new ConsentRecord
            {
                Customer = customer,
                At = at,
                Change = accepts ? ConsentChange.OptIn : ConsentChange.OptOut,
                Source = ConsentSource.Order,

                // A dated change is the same change in every order that repeats it.
                Reference = stamp is { } dated
                    ? $"{order.Source.ToString().ToLowerInvariant()}:consent:{dated.UtcDateTime:O}"
                    : $"{order.Source.ToString().ToLowerInvariant()}:order:{order.OrderId}",
                Evidence = evidence,
                RecordedAt = now,
            });
        }

        return records;
    }

    /// <summary>
    /// The consent a profile reported before the ledger existed (its stored orders' <c>acceptsMarketing</c>, as of
    /// <c>consentReportedAt</c>), as a record; <c>null</c> when the profile reports none.
    /// </summary>
    public static ConsentRecord? FromProfile(CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile is not { AcceptsMarketing: { } accepts, ConsentReportedAt: { } reportedAt })
        {
            return null;
        }

        return new ConsentRecord
        {
            Customer = profile.Key,
            At = reportedAt,
            Change = accepts ? ConsentChange.OptIn : ConsentChange.OptOut,
            Source = ConsentSource.Profile,
            Reference = "profile",
            Evidence = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["acceptsMarketing"] = accepts ? "true" : "false",
                ["consentReportedAt"] = reportedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            RecordedAt = now,
        };
    }

    /// <summary>
    /// Until when an erased customer's records are kept: a month after their last e-mail, or not at all (<c>null</c>)
    /// when that is already past or they were never sent one.
    /// </summary>
    public static DateTimeOffset? KeepAfterErasureUntil(DateTimeOffset? lastEmailAt, DateTimeOffset now) =>
        lastEmailAt is { } last && last + RetentionAfterLastEmail > now ? last + RetentionAfterLastEmail : null;

    /// <summary>A record as an erasure keeps it: its time, change, source, reference and group, without its evidence.</summary>
    public static ConsentRecord Erased(ConsentRecord record, DateTimeOffset at, DateTimeOffset keepUntil)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { Evidence = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty, ErasedAt = record.ErasedAt ?? at, KeepUntil = keepUntil };
    }
}
