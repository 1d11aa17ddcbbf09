using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Journeys;

public class JourneyCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PublishesAValidJourneyAndMakesItCurrent()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);

        var result = await JourneyFixture.PublishWinbackAsync(services);

        Assert.Equal(new PublishResult.Published("winback-60", 1, true), result);
        var current = await services.Get<JourneyCatalog>().FindAsync("winback-60", default);
        Assert.Equal(1, current!.Definition.Version);
        Assert.False(current.Paused);
    }

    [Fact]
    public async Task RejectsAJourneyWithMistakesWithThePathOfEach()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        var journey = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["nodes"]![0]!["template"] = "winback-9";

        var result = await services.Get<JourneyCatalog>().PublishAsync(journey.ToJsonString(), default);

        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("$.nodes[0].template", error.Path);
        Assert.Equal("Node \"email-1\" sends the e-mail template \"winback-9\", which does not exist.", error.Message);
        Assert.Null(await services.Get<JourneyCatalog>().FindAsync("winback-60", default));
    }

    [Fact]
    public async Task PublishingTheSameVersionAgainChangesNothingButOtherContentIsRefused()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services);

        var again = await JourneyFixture.PublishWinbackAsync(services);
        var changed = await JourneyFixture.PublishWinbackAsync(services, holdoutPercent: 20);

        Assert.Equal(new PublishResult.Unchanged("winback-60", 1), again);
        Assert.Equal(new PublishResult.VersionTaken("winback-60", 1), changed);
    }

    [Fact]
    public async Task RunningEnrollmentsStayOnTheirVersionWhileNewOnesTakeTheNewest()
    {
        await using var services = await JourneyFixture.CreateAsync(Now);
        await JourneyFixture.PublishWinbackAsync(services, version: 1);
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("early@example.com", Now.AddDays(-61)), default);
        await services.Get<EntrySweep>().RunAsync(default);

        await JourneyFixture.PublishWinbackAsync(services, holdoutPercent: 20, version: 2);
        services.Clock.Advance(TimeSpan.FromDays(1));
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("later@example.com", Now.AddDays(-60).AddHours(1)), default);
        await services.Get<EntrySweep>().RunAsync(default);

        var early = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("early@example.com"), default));
        var later = Assert.Single(await services.Get<IEnrollmentStore>().ListByCustomerAsync(TestKeys.ForEmail("later@example.com"), default));
        Assert.Equal(1, early.Version);
        Assert.Equal(2, later.Version);
        Assert.Equal(0, (await services.Get<JourneyCatalog>().GetAsync("winback-60", 1, default))!.Entry.Holdout!.Percent);
        Assert.Equal(20, (await services.Get<JourneyCatalog>().GetAsync("winback-60", 2, default))!.Entry.Holdout!.Percent);
    }
}
