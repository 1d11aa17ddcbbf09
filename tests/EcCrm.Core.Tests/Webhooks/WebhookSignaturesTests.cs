using System.Text;
using EcCrm.Core.Webhooks;

namespace EcCrm.Core.Tests.Webhooks;

public class WebhookSignaturesTests
{
    private const string Secret = "s3cret-s3cret-s3cret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1}""");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AcceptsTheBase64HmacOfTheRawBody()
    {
        var signature = WebhookSignatures.SignBase64(Secret, Body);

        Assert.True(WebhookSignatures.VerifyBase64(Secret, Body, signature));
        // Known answer: HMAC-SHA256 test vector ("key", "The quick brown fox jumps over the lazy dog").
        Assert.Equal("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", WebhookSignatures.SignBase64("key", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void RefusesAMissingOrMalformedBase64Signature(string? signature) =>
        Assert.False(WebhookSignatures.VerifyBase64(Secret, Body, signature));

    [Fact]
    public void RefusesABase64SignatureMadeWithAnotherSecretOrOverAnotherBody()
    {
        Assert.False(WebhookSignatures.VerifyBase64(Secret, Body, WebhookSignatures.SignBase64("another-secret-value", Body)));
        Assert.False(WebhookSignatures.VerifyBase64(Secret, Body, WebhookSignatures.SignBase64(Secret, Encoding.UTF8.GetBytes("""{"id":2}"""))));
    }

    [Fact]
    public void AcceptsATimestampedSignatureInsideTheWindow()
    {
        var header = WebhookSignatures.SignTimestamped(Secret, Body, Now.AddMinutes(-4));

        Assert.Equal(TimestampedSignatureCheck.Valid, WebhookSignatures.VerifyTimestamped(Secret, Body, header, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void RefusesAReplayOutsideTheWindowEvenWithACorrectHmac()
    {
        var header = WebhookSignatures.SignTimestamped(Secret, Body, Now.AddMinutes(-6));

        Assert.Equal(TimestampedSignatureCheck.OutsideReplayWindow, WebhookSignatures.VerifyTimestamped(Secret, Body, header, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void RefusesATimestampThatWasChangedAfterSigning()
    {
        var header = WebhookSignatures.SignTimestamped(Secret, Body, Now.AddMinutes(-10));
        var moved = header.Replace($"t={Now.AddMinutes(-10).ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds()}", StringComparison.Ordinal);

        Assert.Equal(TimestampedSignatureCheck.Mismatch, WebhookSignatures.VerifyTimestamped(Secret, Body, moved, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void AcceptsAnyOfSeveralSignaturesSoSecretsCanBeRotated()
    {
        var valid = WebhookSignatures.SignTimestamped(Secret, Body, Now);
        var old = WebhookSignatures.SignTimestamped("the-previous-secret!", Body, Now).Split(',')[1];

        Assert.Equal(TimestampedSignatureCheck.Valid, WebhookSignatures.VerifyTimestamped(Secret, Body, $"{valid.Split(',')[0]},{old},{valid.Split(',')[1]}", Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null, TimestampedSignatureCheck.Missing)]
    [InlineData("v1=abc", TimestampedSignatureCheck.Malformed)]
    [InlineData("t=now,v1=00", TimestampedSignatureCheck.Malformed)]
    [InlineData("t=1795003200", TimestampedSignatureCheck.Malformed)]
    [InlineData("garbage", TimestampedSignatureCheck.Malformed)]
    public void RefusesMissingOrMalformedTimestampedHeaders(string? header, TimestampedSignatureCheck expected) =>
        Assert.Equal(expected, WebhookSignatures.VerifyTimestamped(Secret, Body, header, Now, TimeSpan.FromMinutes(5)));
}
