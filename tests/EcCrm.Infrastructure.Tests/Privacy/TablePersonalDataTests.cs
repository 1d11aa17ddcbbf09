using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Privacy;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Privacy;

public class TablePersonalDataTests
{
    private const string Email = "mio@example.jp";
    private static readonly CustomerKey Customer = TestKeys.ForEmail(Email);

    [Fact]
    public async Task AnErasedAddressThatOrdersAgainIsStillSuppressed()
    {
        await using var services = await TestServices.CreateAsync();
        var at = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        await services.Get<ISuppressionList>().AddAsync(Email, new Suppression(SuppressionKind.Unsubscribed, null, at, "unsubscribe link"), CancellationToken.None);
        var profiles = services.Get<IProfileStore>();
        Assert.True(await profiles.TryAddAsync(CustomerProfile.Empty(Customer) with { Email = Email, FirstName = "Mio", UpdatedAt = at }, CancellationToken.None));

        var erased = await services.Get<IPersonalData>().EraseProfileAsync(Customer, Email, CancellationToken.None);
        Assert.True(await profiles.TryAddAsync(CustomerProfile.Empty(Customer) with { Email = Email, UpdatedAt = at.AddDays(30) }, CancellationToken.None)); // a later order

        Assert.Equal(new ProfileErasure(1, 0, 1), erased);
        var recipient = await services.Get<IRecipients>().GetAsync(Customer, null, CancellationToken.None);
        var suppression = Assert.Single(recipient!.Suppressions);
        Assert.Equal(SuppressionKind.Unsubscribed, suppression.Kind);
        Assert.Equal(at, suppression.At);
        Assert.Null(suppression.Reason);
    }

    [Fact]
    public async Task ErasingAgainFindsNothingMoreToRemove()
    {
        await using var services = await TestServices.CreateAsync();
        var data = services.Get<IPersonalData>();
        Assert.True(await services.Get<IProfileStore>().TryAddAsync(CustomerProfile.Empty(Customer) with { Email = Email }, CancellationToken.None));
        await services.Get<ILastOrderIndex>().AddAsync(new DateOnly(2026, 5, 1), Customer, CancellationToken.None);
        await services.Get<ILastOrderIndex>().AddAsync(new DateOnly(2026, 6, 1), Customer, CancellationToken.None); // a stale row as well

        Assert.Equal(2, await data.DeleteFromLastOrderIndexAsync(Customer, CancellationToken.None));
        Assert.Equal(1, (await data.EraseProfileAsync(Customer, Email, CancellationToken.None)).Profiles);
        Assert.Equal(0, await data.DeleteFromLastOrderIndexAsync(Customer, CancellationToken.None));
        Assert.Equal(new ProfileErasure(0, 0, 0), await data.EraseProfileAsync(Customer, Email, CancellationToken.None));
    }
}
