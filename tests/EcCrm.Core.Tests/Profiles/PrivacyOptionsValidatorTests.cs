using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Profiles;

public class PrivacyOptionsValidatorTests
{
    [Fact]
    public void AcceptsASecretOfThirtyTwoCharacters() =>
        Assert.True(new PrivacyOptionsValidator().Validate(null, new PrivacyOptions { CustomerKeySecret = new string('k', 32) }).Succeeded);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only-thirty-one-characters-long")]
    public void NamesTheSettingWhenTheSecretIsMissingOrShort(string? secret)
    {
        var result = new PrivacyOptionsValidator().Validate(null, new PrivacyOptions { CustomerKeySecret = secret });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Setting 'Privacy:CustomerKeySecret' (environment variable Privacy__CustomerKeySecret) must be a secret of at least 32 characters", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAShortPreviousSecretOrTheCurrentOneAgain()
    {
        var options = new PrivacyOptions { CustomerKeySecret = TestSettings.CustomerKeySecret };
        options.PreviousCustomerKeySecrets.Add("short");
        options.PreviousCustomerKeySecrets.Add(TestSettings.CustomerKeySecret);

        var failures = new PrivacyOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Setting 'Privacy:PreviousCustomerKeySecrets:0' must be a secret of at least 32 characters", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Setting 'Privacy:PreviousCustomerKeySecrets:1' is the current secret", failures[1], StringComparison.Ordinal);
    }
}
