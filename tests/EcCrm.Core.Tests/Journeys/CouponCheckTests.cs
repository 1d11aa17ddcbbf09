using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>A template that shows a coupon no earlier node creates gets a warning at the node that sends it.</summary>
public class CouponCheckTests
{
    private static readonly string Winback = File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json"));

    [Fact]
    public async Task TheWinbackSampleCreatesItsCouponBeforeEveryEmailThatShowsIt()
    {
        Assert.Empty(await WarningsAsync(Winback));
    }

    [Fact]
    public async Task AnEmailThatShowsACouponNoNodeBeforeItCreatesIsWarnedAbout()
    {
        // The first e-mail shows the coupon; the coupon comes after it.
        var warnings = await WarningsAsync(Winback, ("winback-1", true));

        var warning = Assert.Single(warnings);
        Assert.Equal("$.nodes[0].template", warning.Path);
        Assert.Contains("no node before \"email-1\" creates one", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailReachedAroundTheCouponIsWarnedAbout()
    {
        // The wait after the first e-mail may skip the coupon when the customer opens it.
        var journey = Winback.Replace(
            "{ \"id\": \"wait-1\", \"type\": \"delay\", \"for\": \"5d\", \"next\": \"coupon\" }",
            "{ \"id\": \"wait-1\", \"type\": \"waitFor\", \"branches\": [{ \"event\": \"emailOpened\", \"template\": \"winback-1\", \"next\": \"email-2\" }], \"timeout\": \"5d\", \"timeoutNext\": \"coupon\" }",
            StringComparison.Ordinal);

        var warnings = await WarningsAsync(journey);

        Assert.Equal(["$.nodes[3].template", "$.nodes[7].template"], warnings.Select(warning => warning.Path));
        Assert.All(warnings, warning => Assert.Contains("without passing a createCoupon action", warning.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSampleTemplatesThatShowACouponAreFoundInTheirFiles()
    {
        var templates = new TemplateCatalog(new EcCrm.Infrastructure.Email.FileEmailTemplates(RepositoryRoot.Combine("journeys", "templates")));

        Assert.Contains(CouponCheck.CouponVariable, await templates.VariablesAsync("winback-2", CancellationToken.None));
        Assert.DoesNotContain(CouponCheck.CouponVariable, await templates.VariablesAsync("winback-1", CancellationToken.None));
    }

    private static async Task<IReadOnlyList<JourneyError>> WarningsAsync(string json, params (string Template, bool UsesCoupon)[] overrides)
    {
        var journey = JourneyParser.Parse(json).Definition!;
        var usesCoupon = new Dictionary<string, bool> { ["winback-1"] = false, ["winback-2"] = true, ["winback-3"] = true };
        foreach (var (template, uses) in overrides)
        {
            usesCoupon[template] = uses;
        }

        return await CouponCheck.WarningsAsync(journey, new Templates(usesCoupon), CancellationToken.None);
    }

    private sealed class Templates(Dictionary<string, bool> usesCoupon) : IKnownTemplates
    {
        public Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>>(usesCoupon.Keys.ToHashSet());

        public Task<IReadOnlyList<TemplateError>> ValidateAsync(string templateId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TemplateError>>([]);

        public Task<IReadOnlySet<string>> VariablesAsync(string templateId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(usesCoupon[templateId] ? new HashSet<string> { "profile", CouponCheck.CouponVariable } : new HashSet<string> { "profile" });
    }
}
