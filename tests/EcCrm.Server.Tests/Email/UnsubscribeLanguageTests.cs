using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Email;

/// <summary>The unsubscribe pages speak the customer's language, else the shop's, as their e-mail did.</summary>
public class UnsubscribeLanguageTests
{
    [Theory]
    [InlineData("ja-JP", "en", "lang=\"ja\"", "配信を停止する", "配信を停止しました")]
    [InlineData("en-US", "ja-JP", "lang=\"en\"", ">Unsubscribe</button>", "You are unsubscribed")]
    [InlineData(null, "ja-JP", "lang=\"ja\"", "配信を停止する", "配信を停止しました")]
    public async Task ThePagesAreInTheCustomersLanguageElseTheShops(string? customerLocale, string shopLocale, string lang, string button, string done)
    {
        var customer = TestKeys.ForEmail("hanako@example.jp");
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false", ["Journeys:Scheduler"] = "false", ["Shop:Locale"] = shopLocale });
        var client = host.CreateClient();
        await host.Services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var profile = CustomerProfile.Empty(customer) with { Email = "hanako@example.jp", FirstName = "花子", LastName = "山田", Locale = customerLocale, AcceptsMarketing = true };
        Assert.True(await host.Services.GetRequiredService<IProfileStore>().TryAddAsync(profile, default));
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().Create(customer, null);

        var confirm = await (await client.GetAsync(new Uri($"/unsubscribe?token={token}", UriKind.Relative))).Content.ReadAsStringAsync();
        var unsubscribed = await (await client.PostAsync(new Uri("/unsubscribe", UriKind.Relative), new FormUrlEncodedContent([new("token", token)]))).Content.ReadAsStringAsync();

        Assert.Contains(lang, confirm, StringComparison.Ordinal);
        Assert.Contains(button, System.Net.WebUtility.HtmlDecode(confirm), StringComparison.Ordinal);
        Assert.Contains(done, System.Net.WebUtility.HtmlDecode(unsubscribed), StringComparison.Ordinal);
    }
}
