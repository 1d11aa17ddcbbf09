using EcCrm.Core.Journeys.Catalog;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Journeys;

/// <summary><c>eccrm journeys resume</c> against a shop's storage on Azurite.</summary>
public class ResumeCommandTests
{
    [Fact]
    public async Task ResumesAJourneyTheDeliverabilityGuardPausedAndSaysWhyItWasPaused()
    {
        await using var services = await TestServices.CreateAsync(DateTimeOffset.UtcNow);
        var store = services.Get<IJourneyStore>();
        var json = await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json"));
        Assert.True(await store.TryAddVersionAsync("winback-60", 1, json, DateTimeOffset.UtcNow, default));
        const string reason = "Deliverability: 6 bounces in 101 sends since 2026-11-01 00:00 UTC (5.941%), above the threshold of 5%.";
        var settings = new JourneySettings("winback-60", "Win-back", 1, Paused: true, DateTimeOffset.UtcNow) { PauseReason = reason };
        Assert.True(await store.TrySaveSettingsAsync(settings, version: null, default));

        var (exitCode, output) = await CliRun.RunAsync(services.Prefix, "journeys", "resume", "winback-60");
        var (unknown, _) = await CliRun.RunAsync(services.Prefix, "journeys", "resume", "no-such-journey");

        Assert.Equal(0, exitCode);
        Assert.Contains("Resumed winback-60, paused for: " + reason, output, StringComparison.Ordinal);
        var resumed = await services.Get<JourneyCatalog>().FindAsync("winback-60", default);
        Assert.False(resumed!.Paused);
        Assert.Null(resumed.PauseReason);
        Assert.NotNull(resumed.ResumedAt);
        Assert.Equal(2, unknown);
    }
}
