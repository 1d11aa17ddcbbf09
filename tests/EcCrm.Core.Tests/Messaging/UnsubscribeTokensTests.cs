using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Messaging;

public class UnsubscribeTokensTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly CustomerKey Customer = CustomerKey.FromEmail("aiko@example.jp");

    private static UnsubscribeTokens Tokens(string key = "signing-key-0123456789-0123456789-abc") =>
        new(Options.Create(new UnsubscribeOptions { SigningKey = key, BaseUrl = new Uri("https://crm.example.com") }));

    [Fact]
    public void AnAlteredTruncatedOrForeignTokenIsRefused()
    {
        var token = Tokens().Create(Customer, "newsletter");
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        Assert.Null(Tokens().Read(flipped));
        Assert.Null(Tokens().Read(token[..^2]));
        Assert.Null(Tokens().Read(string.Empty));
        Assert.Null(Tokens().Read("not a token!"));
        Assert.Null(Tokens("another-key-0123456789-0123456789-abcd").Read(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("newsletter")]
    [InlineData("vip")]
    public void ATokenWithItsLastCharacterChangedIsRefusedEvenWhereBase64IgnoresTheChange(string? group)
    {
        var tokens = Tokens();
        var token = tokens.Create(Customer, group);

        // Every other last character, including those a lenient decoder reads as the same bytes (the unused low bits).
        var changed = Alphabet.Where(c => c != token[^1]).Select(c => token[..^1] + c).ToList();

        Assert.NotNull(tokens.Read(token));
        Assert.All(changed, altered => Assert.Null(tokens.Read(altered)));
    }
}
