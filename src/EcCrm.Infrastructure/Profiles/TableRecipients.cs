using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Consent;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Infrastructure.Storage;

namespace EcCrm.Infrastructure.Profiles;

/// <summary>
/// Reads a customer as a send sees them with one query of their Profiles partition (<see cref="ProfilePartition"/>):
/// the profile row, the suppression rows, the consent rows and the row of the coupon asked for.
/// </summary>
public sealed class TableRecipients(StorageClients storage, ISuppressionList suppressions, CustomerKeys keys) : IRecipients
{
    private readonly TableClient table = storage.Table(storage.Names.Profiles);

    public async Task<Recipient?> GetAsync(CustomerKey customer, string? couponCode, CancellationToken cancellationToken)
    {
        // Without a coupon the coupon clause asks for the profile row again, which changes nothing.
        var couponRow = couponCode is null ? ProfilePartition.ProfileRow : ProfilePartition.CouponRow(couponCode);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {customer.Value} and (RowKey eq {ProfilePartition.ProfileRow} or RowKey eq {couponRow} or (RowKey ge {ProfilePartition.SuppressionPrefix} and RowKey lt {ProfilePartition.After(ProfilePartition.SuppressionPrefix)}) or (RowKey ge {ProfilePartition.ConsentPrefix} and RowKey lt {ProfilePartition.After(ProfilePartition.ConsentPrefix)}))");

        CustomerProfile? profile = null;
        CreateCoupon? coupon = null;
        var suppressed = new List<Suppression>();
        var consent = new List<ConsentRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == ProfilePartition.ProfileRow)
            {
                profile = ProfileEntity.ToProfile(row);
            }
            else if (ProfilePartition.IsSuppression(row.RowKey))
            {
                suppressed.Add(SuppressionEntity.ToSuppression(row));
            }
            else if (ProfilePartition.IsConsent(row.RowKey))
            {
                consent.Add(ConsentEntity.ToRecord(row));
            }
            else if (ProfilePartition.IsCoupon(row.RowKey))
            {
                coupon = CouponEntity.ToCoupon(row, couponCode!);
            }
        }

        if (profile is null)
        {
            return null;
        }

        // Suppressions are kept under the key of the address. A profile whose key is not its address's (one known by
        // the shop's customer id) has its address's suppressions elsewhere: read them from the list. (Those under an
        // earlier key of the address were copied beside the profile when it was made: see TableProfileStore.)
        if (profile.Email is { } email && EmailAddress.IsPlausible(email) && keys.ForEmail(email) != customer)
        {
            suppressed = [.. await suppressions.GetAsync(email, cancellationToken).ConfigureAwait(false)];
        }

        return new Recipient(profile, suppressed, coupon) { Consent = consent };
    }
}
