using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Core.Surveys;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Surveys;

public class SurveyTokensTests
{
    private const string KeyA = "signing-key-0123456789-0123456789-abc";
    private const string KeyB = "signing-key-9876543210-9876543210-xyz";
    private static readonly CustomerKey Customer = TestKeys.ForEmail("mika@example.jp");
    private static readonly SurveyLink Link = new($"post-purchase-nps:{Customer.Value}:1:ask:1", SurveyKind.Nps, "3", new DateTimeOffset(2026, 3, 12, 1, 0, 0, TimeSpan.Zero), true);

    private static UnsubscribeOptions Options(string key = KeyA, int keyId = 1, (int Id, string Key)? previous = null)
    {
        var options = new UnsubscribeOptions { SigningKey = key, SigningKeyId = keyId, BaseUrl = new Uri("https://crm.example.com") };
        if (previous is { } old)
        {
            options.PreviousKeys.Add(new UnsubscribeSigningKey { Id = old.Id, Key = old.Key });
        }

        return options;
    }

    private static SurveyTokens Tokens(UnsubscribeOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));

    [Fact]
    public void ALinkReadsBackAsTheAnswerToItsEmail()
    {
        var tokens = Tokens(Options());
        var url = tokens.LinkFor(Link);

        Assert.StartsWith("https://crm.example.com/survey?token=", url.ToString(), StringComparison.Ordinal);
        var read = tokens.Read(url.Query["?token=".Length..]);
        Assert.Equal(Link, read);
        Assert.Equal(Customer, read!.Customer);
        Assert.Equal("ask", read.Survey);
        Assert.Equal("post-purchase-nps", read.JourneyId);
        Assert.Equal($"post-purchase-nps:{Customer.Value}:1", read.EnrollmentId);
        Assert.Equal(Link with { Kind = SurveyKind.Choice, Answer = "on-time", FollowUp = false }, tokens.Read(tokens.Create(Link with { Kind = SurveyKind.Choice, Answer = "on-time", FollowUp = false })));
    }

    [Fact]
    public void EveryChangeToATokenMakesItInvalid()
    {
        var tokens = Tokens(Options());
        var token = tokens.Create(Link);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (var i = 0; i < token.Length; i++)
        {
            var other = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            Assert.Null(tokens.Read(string.Concat(token.AsSpan(0, i), other.ToString(), token.AsSpan(i + 1))));
        }

        Assert.Null(tokens.Read(token[..^1]));
        Assert.Null(tokens.Read(token + "A"));
        Assert.Null(tokens.Read(null));
        Assert.Null(tokens.Read("not a token"));
    }

    [Fact]
    public void AnotherKeysTokenAndAnUnsubscribeTokenAreNotSurveyTokens()
    {
        var options = Options();
        Assert.Null(Tokens(options).Read(Tokens(Options(KeyB)).Create(Link)));
        Assert.Null(Tokens(options).Read(new UnsubscribeTokens(Microsoft.Extensions.Options.Options.Create(options)).Create(Customer, "marketing")));
    }

    [Fact]
    public void LinksSignedWithAPreviousKeyKeepWorkingAfterRotation()
    {
        var old = Tokens(Options(KeyA, 1)).Create(Link);

        var rotated = Tokens(Options(KeyB, 2, (1, KeyA)));

        Assert.Equal(Link, rotated.Read(old));
        Assert.Null(Tokens(Options(KeyB, 2)).Read(old));
    }
}
