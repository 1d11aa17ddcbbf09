using EcCrm.Core.Messaging;

namespace EcCrm.Core.Tests.Messaging;

public class UnsubscribeOptionsValidatorTests
{
    private const string Key = "signing-key-0123456789-0123456789-abc";

    [Fact]
    public void AcceptsACurrentKeyWithPreviousKeysOfTheirOwnIds()
    {
        var options = Options(keyId: 3, (1, Key + "-1"), (2, Key + "-2"));

        Assert.True(new UnsubscribeOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void RefusesKeyIdsThatCannotBeToldApartOrWrittenAndPreviousKeysTooShortToBeSecrets()
    {
        var options = Options(keyId: 2, (2, Key), (0, Key), (3, "short"));

        var failures = new UnsubscribeOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Setting 'Unsubscribe:PreviousKeys:0:Id' is 2, an id another signing key has: every key needs its own, or its links cannot be checked.", failures);
        Assert.Contains("Setting 'Unsubscribe:PreviousKeys:1:Id' must be a whole number from 1 to 255, not 0.", failures);
        Assert.Contains("Setting 'Unsubscribe:PreviousKeys:2:Key' must be the secret of at least 32 characters that signed links with id 3.", failures);
        Assert.Contains("Setting 'Unsubscribe:SigningKeyId' must be a whole number from 1 to 255, not 256.", new UnsubscribeOptionsValidator().Validate(null, Options(keyId: 256)).Failures!);
    }

    private static UnsubscribeOptions Options(int keyId, params (int Id, string Key)[] previous)
    {
        var options = new UnsubscribeOptions { SigningKey = Key, SigningKeyId = keyId, BaseUrl = new Uri("https://crm.example.com") };
        foreach (var (id, key) in previous)
        {
            options.PreviousKeys.Add(new UnsubscribeSigningKey { Id = id, Key = key });
        }

        return options;
    }
}
