using EcCrm.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Tests.Email;

public class EmailProviderOptionsValidatorTests
{
    private static readonly EmailProviderOptionsValidator Validator = new(Options.Create(new MailOptions()));

    [Fact]
    public void TheDefaultSendGridSettingsAreValid()
    {
        Assert.True(Validator.Validate(null, new SendGridOptions { ApiKey = "SG.key" }).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00.005", "00:00:01")]
    [InlineData("2.00:00:00", "00:00:01")]
    [InlineData("00:00:30", "2.00:00:00")]
    public void ATimeoutOrRetryDelayTheRetryPolicyCannotTakeStopsStartUp(string timeout, string retryBaseDelay)
    {
        var result = Validator.Validate(null, new SendGridOptions
        {
            ApiKey = "SG.key",
            Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture),
            RetryBaseDelay = TimeSpan.Parse(retryBaseDelay, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.True(result.Failed);
        Assert.Contains("'SendGrid:Timeout' must be between 00:00:00.010 and 1.00:00:00", result.FailureMessage, StringComparison.Ordinal);
    }
}
