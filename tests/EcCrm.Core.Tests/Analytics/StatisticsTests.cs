using EcCrm.Core.Analytics;

namespace EcCrm.Core.Tests.Analytics;

// Expected values computed independently with Python's statistics.NormalDist and the same textbook formulas.
public class StatisticsTests
{
    [Fact]
    public void AnEmptyHoldoutGivesTheWidestIntervalAndANoteNotAnUnwritableNumber()
    {
        var result = Statistics.CompareProportions(treatmentSize: 40, treatmentSuccesses: 3, holdoutSize: 0, holdoutSuccesses: 0);

        Assert.Equal(new Interval(-1, 1), result.AbsoluteUpliftInterval);
        Assert.Null(result.RelativeUplift);
        Assert.NotNull(result.Note);
        Assert.False(result.IsSignificant);
        Assert.Contains("\"absoluteUpliftInterval\":{\"low\":-1,\"high\":1}", System.Text.Json.JsonSerializer.Serialize(result, EcCrm.Core.Json.EcCrmJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void ComparesConversionRatesWithTheirUpliftAndIntervals()
    {
        var result = Statistics.CompareProportions(treatmentSize: 1000, treatmentSuccesses: 120, holdoutSize: 1000, holdoutSuccesses: 100);

        Assert.Equal(0.12, result.TreatmentRate, 12);
        Assert.Equal(0.10, result.HoldoutRate, 12);
        Assert.Equal(0.02, result.AbsoluteUplift, 12);
        Assert.Equal(-0.0074114820, result.AbsoluteUpliftInterval.Low, 6);
        Assert.Equal(0.0474114820, result.AbsoluteUpliftInterval.High, 6);
        Assert.Equal(0.2, result.RelativeUplift!.Value, 9);
        Assert.Equal(-0.0658942489, result.RelativeUpliftInterval!.Value.Low, 6);
        Assert.Equal(0.5415813449, result.RelativeUpliftInterval!.Value.High, 6);
        Assert.Equal(0.1527080102, result.PValue!.Value, 5);
        Assert.Null(result.Note);
        Assert.False(result.IsSignificant); // the interval includes zero
    }

    [Fact]
    public void CallsALargeEnoughDifferenceSignificant()
    {
        var result = Statistics.CompareProportions(2000, 300, 2000, 200);

        Assert.True(result.AbsoluteUpliftInterval.Low > 0);
        Assert.True(result.IsSignificant);
        Assert.True(result.PValue < 0.05);
    }

    [Fact]
    public void TheVerdictAgreesWithTheIntervalWhenTheHoldoutIsSmall()
    {
        // 13% of 500 treated against 6.25% of 80 held out: the interval excludes zero, and so must the test.
        var result = Statistics.CompareProportions(500, 65, 80, 5);

        Assert.Equal(0.0068163406, result.AbsoluteUpliftInterval.Low, 6);
        Assert.True(result.IsSignificant);
        Assert.Equal(0.0292486769, result.PValue!.Value, 6);
    }

    [Fact]
    public void SaysWhenTheSampleIsTooSmallToSayAnything()
    {
        var result = Statistics.CompareProportions(20, 3, 20, 1);

        Assert.StartsWith("Too few customers to say anything yet", result.Note, StringComparison.Ordinal);
        Assert.False(result.IsSignificant);
    }

    [Fact]
    public void HasNoRelativeUpliftWhenTheHoldoutNeverConverted()
    {
        var result = Statistics.CompareProportions(100, 10, 100, 0);

        Assert.Null(result.RelativeUplift);
        Assert.Null(result.RelativeUpliftInterval);
        Assert.NotNull(result.Note);
    }

    [Fact]
    public void ComparesMeansWithAWelchInterval()
    {
        var (difference, interval) = Statistics.CompareMeans([10, 20, 30], [0, 10, 20]);

        Assert.Equal(10, difference, 12);
        Assert.Equal(-6.0030389212, interval!.Value.Low, 6);
        Assert.Equal(26.0030389212, interval!.Value.High, 6);
    }

    [Theory]
    [InlineData(0.975, 1.9599639845)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.01, -2.3263478740)]
    [InlineData(0.999, 3.0902323062)]
    public void KnowsTheNormalQuantiles(double p, double expected) => Assert.Equal(expected, Statistics.NormalQuantile(p), 6);

    [Fact]
    public void KnowsTheNormalDistribution() => Assert.Equal(0.9750021049, Statistics.NormalCdf(1.96), 6);

    [Theory]
    [InlineData(0.10, 0.02, 0.10, 2186, 21853)]
    [InlineData(0.10, 0.02, 0.50, 3841, 7682)]
    [InlineData(0.30, 0.05, 0.20, 868, 4339)]
    public void TellsHowManyEntriesTheHoldoutNeedsToShowAnUplift(double baseline, double uplift, double holdoutShare, int holdout, int total)
    {
        var size = Statistics.SampleSizeForUplift(baseline, uplift, holdoutShare)!;

        Assert.Equal((holdout, total), (size.HoldoutEntries, size.TotalEntries));
    }

    [Fact]
    public void HasNoAnswerWhenTheUpliftWouldPassAHundredPercent()
    {
        Assert.Null(Statistics.SampleSizeForUplift(0.99, 0.02, 0.1));
        Assert.Null(Statistics.SampleSizeForUplift(0, 0.02, 0.1));
    }
}
