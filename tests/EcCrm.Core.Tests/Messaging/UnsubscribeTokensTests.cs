using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Messaging;

public class UnsubscribeTokensTests
{
    private static readonly CustomerKey Customer = CustomerKey.FromEmail("aiko@example.jp");

    private static UnsubscribeTokens Tokens(string key = "signing-key-0123456789-0123456789-abc") =>
        new(Options.Create(new UnsubscribeOptions { SigningKey = key, BaseUrl = new Uri("https://crm.example.com") }));

    [Fact]
    public void ALinkNamesTheCustomerAndGroupAndReadsBack()
    {
        var tokens = Tokens();
        var link = tokens.LinkFor(Customer, "newsletter");

        Assert.StartsWith("https://crm.example.com/unsubscribe?token=", link.ToString(), StringComparison.Ordinal);
        Assert.Equal(new UnsubscribeRequest(Customer, "newsletter"), tokens.Read(link.Query["?token=".Length..]));
        Assert.Equal(new UnsubscribeRequest(Customer, null), tokens.Read(tokens.Create(Customer, null)));
        Assert.DoesNotContain("aiko", link.ToString(), StringComparison.OrdinalIgnoreCase);
    }

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
}
