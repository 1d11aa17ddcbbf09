using EcCrm.Testing;
using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Messaging;

public class UnsubscribeTokensTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");

    private const string KeyA = "signing-key-0123456789-0123456789-abc";
    private const string KeyB = "signing-key-9876543210-9876543210-xyz";

    private static UnsubscribeTokens Tokens(string key = KeyA, int keyId = 1, (int Id, string Key)? previous = null)
    {
        var options = new UnsubscribeOptions { SigningKey = key, SigningKeyId = keyId, BaseUrl = new Uri("https://crm.example.com") };
        if (previous is { } old)
        {
            options.PreviousKeys.Add(new UnsubscribeSigningKey { Id = old.Id, Key = old.Key });
        }

        return new(Options.Create(options));
    }

    private static byte[] Base64UrlBytes(string token) =>
        Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));

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

    [Fact]
    public void LinksSignedBeforeARotationKeepWorkingWhileTheirKeyIsListedAndNewLinksCarryTheNewKeysId()
    {
        var before = Tokens(KeyA);
        var sent = before.Create(Customer, "newsletter");
        var rotated = Tokens(KeyB, keyId: 2, previous: (1, KeyA));
        var retired = Tokens(KeyB, keyId: 2);

        var fresh = rotated.Create(Customer, "newsletter");

        Assert.Equal(new UnsubscribeRequest(Customer, "newsletter"), rotated.Read(sent));
        Assert.Equal(new UnsubscribeRequest(Customer, "newsletter"), rotated.Read(fresh));
        Assert.Equal(2, Base64UrlBytes(fresh)[1]);
        Assert.Null(before.Read(fresh)); // key 2 is unknown where only key 1 is configured
        Assert.Null(retired.Read(sent)); // once key 1 is dropped, its links stop working
    }

    [Fact]
    public void LinksMadeBeforeTokensCarriedAKeyIdAreCheckedWithKeyOne()
    {
        var payload = new byte[18];
        payload[0] = 1;
        Convert.FromHexString(Customer.Value).CopyTo(payload, 1);
        var former = Convert.ToBase64String([.. payload, .. HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeyA), payload)[..16]])
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(new UnsubscribeRequest(Customer, null), Tokens(KeyA).Read(former));
        Assert.Equal(new UnsubscribeRequest(Customer, null), Tokens(KeyB, keyId: 2, previous: (1, KeyA)).Read(former));
        Assert.Null(Tokens(KeyB, keyId: 2).Read(former));
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
