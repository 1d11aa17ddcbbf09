using EcCrm.Core.Journeys;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>Every journey in <c>journeys/</c> validates (by reader and schema) and runs in the simulator with its sample customer.</summary>
public class JourneySamplesTests
{
    public static TheoryData<string> SampleJourneys => [.. SampleFiles()];

    private static IReadOnlySet<string> KnownTemplates =>
        Directory.GetFiles(RepositoryRoot.Combine("journeys", "templates"), "*.liquid").Select(file => TemplateVariants.Split(Path.GetFileNameWithoutExtension(file)).Id).ToHashSet();

    [Fact]
    public void ThereAreTheSevenSampleJourneys()
    {
        Assert.Equal(["abandoned-checkout.journey.json", "browse-abandonment.journey.json", "first-to-second.journey.json", "post-purchase-cross-sell.journey.json", "post-purchase-nps.journey.json", "replenishment.journey.json", "winback.journey.json"], SampleFiles());
    }

    private static List<string> SampleFiles() =>
        [.. Directory.GetFiles(RepositoryRoot.Combine("journeys"), "*.journey.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SampleJourneys))]
    public void SampleValidatesWithItsTemplates(string file)
    {
        var result = JourneyValidator.Validate(File.ReadAllText(RepositoryRoot.Combine("journeys", file)), KnownTemplates);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [MemberData(nameof(SampleJourneys))]
    public async Task SampleValidatesAgainstThePublishedSchema(string file)
    {
        var schema = await JourneyValidatorTests.PublishedSchema();

        Assert.Empty(schema.Validate(File.ReadAllText(RepositoryRoot.Combine("journeys", file))));
    }

    [Theory]
    [MemberData(nameof(SampleJourneys))]
    public void SampleRunsInTheSimulatorForItsCustomer(string file)
    {
        var journey = JourneyValidator.Validate(File.ReadAllText(RepositoryRoot.Combine("journeys", file)), KnownTemplates);
        var customerFile = RepositoryRoot.Combine("journeys", "customers", file.Replace(".journey.json", ".customer.json", StringComparison.Ordinal));
        var timeline = CustomerTimelineParser.Parse(File.ReadAllText(customerFile));
        Assert.True(timeline.IsValid, string.Join(Environment.NewLine, timeline.Errors));

        var result = JourneySimulator.Run(journey.Definition!, timeline.Timeline, new SimulationSettings("Europe/Berlin", "EUR", new Core.Journeys.Running.SweepOptions()));

        Assert.NotEmpty(result.Enrollments);
        Assert.Null(result.NotEnteredBecause);
        Assert.Contains(result.Events, e => e.What == "sent");
        Assert.Equal(result.Events.OrderBy(e => e.At).Select(e => e.At), result.Events.Select(e => e.At));
    }

    [Fact]
    public void TheEmbeddedSchemaIsThePublishedFile()
    {
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("journeys", "journey.schema.json")), JourneySchema.Text);
    }

    [Fact]
    public void EverySampleTemplateRendersWithTheLegalFooterAndNoMistakes()
    {
        var folder = RepositoryRoot.Combine("journeys", "templates");
        var partials = Directory.GetFiles(Path.Combine(folder, "partials"), "*.liquid")
            .ToDictionary(file => Path.GetFileNameWithoutExtension(file), File.ReadAllText);
        var model = EmailModel.Sample();
        foreach (var file in Directory.GetFiles(folder, "*.liquid"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var language = TemplateVariants.Split(name).Language;
            Assert.NotNull(language);
            var layout = File.ReadAllText(Path.Combine(folder, "layouts", $"default.{language}.liquid"));
            var (template, error) = EmailTemplateFile.Parse(name, File.ReadAllText(file));
            Assert.Null(error);
            Assert.Equal("default", template!.Layout);
            Assert.Empty(TemplateRenderer.Validate(template, layout, partials, layoutRequired: true));

            var email = TemplateRenderer.Render(template, layout, partials, model);
            Assert.False(string.IsNullOrWhiteSpace(email.Subject));
            Assert.Contains("Sample Shop", email.Html, StringComparison.Ordinal);
            Assert.Contains("1-2-3 Sample, Tokyo", email.Html, StringComparison.Ordinal);
            Assert.Contains("help@shop.example.com", email.Text, StringComparison.Ordinal);
            Assert.Contains("https://crm.example.com/unsubscribe?token=sample", email.Html, StringComparison.Ordinal);
            Assert.Contains("https://crm.example.com/unsubscribe?token=sample", email.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ACopyOfADefinitionLeavesTheOriginalsNodesAlone()
    {
        var original = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json"))).Definition!;

        var copy = original with { Nodes = [original.Nodes[0]] };

        Assert.NotNull(original.Node("done"));
        Assert.Null(copy.Node("done"));
    }
}
