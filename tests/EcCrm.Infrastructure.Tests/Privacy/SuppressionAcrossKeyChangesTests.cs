using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Privacy;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Tests.Privacy;

/// <summary>
/// An erased customer's suppressions stay as tombstones under the key they were written with, holding no address, so
/// no migration can move them: the send's check finds them under every derivation still configured.
/// </summary>
public class SuppressionAcrossKeyChangesTests
{
    private const string Email = "mio@example.jp";
    private const string OldSecret = "the-secret-used-before-rotation-0123456789";
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnAddressErasedUnderUnkeyedKeysAndOrderingAgainIsStillSuppressed()
    {
        await using var services = await TestServices.CreateAsync();
        await UnsubscribeAndEraseAsync(services, new CustomerKeys(CustomerKeyDerivation.Unkeyed));

        var recipient = await OrderAgainAsync(services);

        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(recipient.Suppressions).Kind);
    }

    [Fact]
    public async Task AnAddressErasedUnderAPreviousSecretAndOrderingAgainIsStillSuppressed()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Privacy:PreviousCustomerKeySecrets:0"] = OldSecret });
        await UnsubscribeAndEraseAsync(services, new CustomerKeys(CustomerKeyDerivation.Keyed(OldSecret)));

        var recipient = await OrderAgainAsync(services);

        Assert.Equal(SuppressionKind.Unsubscribed, Assert.Single(recipient.Suppressions).Kind);
    }

    [Fact]
    public async Task ATombstoneUnderADerivationNoLongerConfiguredIsNotFound()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Privacy:UnkeyedCustomerKeys"] = "false" });
        await UnsubscribeAndEraseAsync(services, new CustomerKeys(CustomerKeyDerivation.Unkeyed));

        var recipient = await OrderAgainAsync(services);

        Assert.Empty(recipient.Suppressions);
    }

    [Fact]
    public async Task TheSuppressionListReadsTheAddressUnderEveryConfiguredDerivation()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?> { ["Privacy:PreviousCustomerKeySecrets:0"] = OldSecret });
        await new TableSuppressionList(services.Storage, new CustomerKeys(CustomerKeyDerivation.Unkeyed))
            .AddAsync(Email, new Suppression(SuppressionKind.Bounced, null, At, "bounce"), CancellationToken.None);
        await new TableSuppressionList(services.Storage, new CustomerKeys(CustomerKeyDerivation.Keyed(OldSecret)))
            .AddAsync(Email, new Suppression(SuppressionKind.SpamReport, null, At, "spam"), CancellationToken.None);
        await services.Get<ISuppressionList>().AddAsync(Email, new Suppression(SuppressionKind.Unsubscribed, null, At, "link"), CancellationToken.None);

        var found = await services.Get<ISuppressionList>().GetAsync(Email, CancellationToken.None);

        Assert.Equal([SuppressionKind.Unsubscribed, SuppressionKind.SpamReport, SuppressionKind.Bounced], found.Select(suppression => suppression.Kind));
    }

    /// <summary>The address unsubscribes and is erased while keys are derived by <paramref name="then"/>.</summary>
    private static async Task UnsubscribeAndEraseAsync(TestServices services, CustomerKeys then)
    {
        var oldKey = then.ForEmail(Email);
        await new TableSuppressionList(services.Storage, then).AddAsync(Email, new Suppression(SuppressionKind.Unsubscribed, null, At, "unsubscribe link"), CancellationToken.None);
        Assert.True(await services.Get<IProfileStore>().TryAddAsync(CustomerProfile.Empty(oldKey) with { Email = Email, UpdatedAt = At }, CancellationToken.None));
        var erasure = await new TablePersonalData(services.Storage, services.Get<IOptions<MailOptions>>(), then).EraseProfileAsync(oldKey, Email, CancellationToken.None);
        Assert.Equal(1, erasure.SuppressionTombstones);
    }

    /// <summary>The address orders again under today's key, and a send reads the recipient.</summary>
    private static async Task<Recipient> OrderAgainAsync(TestServices services)
    {
        var key = TestKeys.ForEmail(Email);
        Assert.True(await services.Get<IProfileStore>().TryAddAsync(CustomerProfile.Empty(key) with { Email = Email, UpdatedAt = At.AddDays(30) }, CancellationToken.None));
        return (await services.Get<IRecipients>().GetAsync(key, null, CancellationToken.None))!;
    }
}
