using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>Real services on Azurite whose SendGrid client talks to a <see cref="FakeSendGrid"/>, and a customer to mail.</summary>
internal static class MailFixture
{
    public const string ApiKey = "SG.test-key";

    public static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");

    public static Task<TestServices> CreateAsync(
        FakeSendGrid sendGrid, DateTimeOffset now, int maxRetries = 3, IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:Host"] = sendGrid.Url.ToString(),
            ["SendGrid:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SendGrid:RetryBaseDelay"] = "00:00:00.010",
            ["SendGrid:AsmGroups:marketing"] = "4242",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return TestServices.CreateAsync(now, values, configure);
    }

    public static async Task AddCustomerAsync(TestServices services, string? timeZone = "Asia/Tokyo", bool? consent = true)
    {
        var profile = CustomerProfile.Empty(Customer) with
        {
            Email = "aiko@example.jp",
            FirstName = "Aiko",
            AcceptsMarketing = consent,

            // A profile as ingestion wrote it before the consent ledger: the first send records this as the opt-in.
            ConsentReportedAt = consent is null ? null : services.Clock.GetUtcNow().AddDays(-60),
            TimeZone = timeZone,
            OrderCount = 1,
            Products = [new ProductPurchase("beans", "House Blend Beans", 1, services.Clock.GetUtcNow().AddDays(-60))],
        };
        Assert.True(await services.Get<IProfileStore>().TryAddAsync(profile, default));
    }

    public static JourneySend Send(string key = "enr-1:n1:1", bool transactional = false, SendRules? rules = null) =>
        new("enr-1", "winback-60", 1, Customer, new SendEmail(key, "winback-1", "email-1", "marketing", transactional, null), rules ?? new SendRules(null, null));
}
