using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>Every e-mail shows who sent it: the shop's name, postal address, contact address and the unsubscribe link.</summary>
public sealed class SenderIdentityTests : IDisposable
{
    private static readonly Uri Unsubscribe = new("https://crm.kohi.example.com/unsubscribe?token=abc123");

    private readonly string folder = Directory.CreateTempSubdirectory("eccrm-identity-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("ja-JP", "珈琲と仲間", "〒150-0041 東京都渋谷区神南1-2-3")]
    [InlineData("en-GB", "Kohi & Co", "1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041, Japan")]
    public async Task EverySampleTemplateShowsTheSenderInTheCustomersLanguage(string locale, string name, string address)
    {
        var catalog = new TemplateCatalog(new FileEmailTemplates(RepositoryRoot.Combine("journeys", "templates")));
        foreach (var id in await catalog.IdsAsync(CancellationToken.None))
        {
            var email = await catalog.RenderAsync(id, Input(id, locale), CancellationToken.None);

            Assert.Contains(System.Net.WebUtility.HtmlEncode(name), email.Html, StringComparison.Ordinal);
            Assert.Contains(address, email.Html, StringComparison.Ordinal);
            Assert.Contains("mailto:hello@kohi.example.com", email.Html, StringComparison.Ordinal);
            Assert.Contains($"href=\"{Unsubscribe}\"", email.Html, StringComparison.Ordinal);
            foreach (var shown in (string[])[name, address, "hello@kohi.example.com", Unsubscribe.ToString()])
            {
                Assert.Contains(shown, email.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task EverySampleTemplatePassesTheIdentityCheckInBothLanguages()
    {
        var catalog = new TemplateCatalog(new FileEmailTemplates(RepositoryRoot.Combine("journeys", "templates")));

        foreach (var id in await catalog.IdsAsync(CancellationToken.None))
        {
            Assert.Empty(await catalog.ValidateAsync(id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task ALayoutWithoutThePostalAddressIsRefusedNamingItsFile()
    {
        Write("offer.en.liquid", "---\nsubject: Hi\nlayout: default\n---\n<p>Hello</p>");
        Write("offer.ja.liquid", "---\nsubject: こんにちは\nlayout: default\n---\n<p>こんにちは</p>");
        Write(Path.Combine("layouts", "default.en.liquid"), Footer("{{ shop.name }}, {{ shop.postal_address }}"));
        Write(Path.Combine("layouts", "default.ja.liquid"), Footer("発行元：{{ shop.name }}"));
        var catalog = new TemplateCatalog(new FileEmailTemplates(folder));

        var error = Assert.Single(await catalog.ValidateAsync("offer", CancellationToken.None));

        Assert.Equal("offer.ja", error.TemplateId);
        Assert.Contains("the postal address ({{ shop.postal_address }})", error.Message, StringComparison.Ordinal);
        Assert.Contains("templates/layouts/default.ja.liquid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shop.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingRefusesAJourneyWhoseTemplateShowsNoSenderAtTheNodeThatSendsIt()
    {
        Write("offer.liquid", "---\nsubject: Hi\nlayout: none\n---\n<p>Hello {{ shop.name }}, <a href=\"{{ unsubscribe_url }}\">unsubscribe</a></p>");
        var journey = JourneyParser.Parse("""
            { "id": "offer", "version": 1, "name": "Offer", "entry": { "trigger": { "type": "orderPlaced" } },
              "nodes": [ { "id": "send", "type": "send", "template": "offer", "next": "done" }, { "id": "done", "type": "exit" } ] }
            """).Definition!;

        var errors = await JourneyTemplates.ErrorsAsync(journey, new TemplateCatalog(new FileEmailTemplates(folder)), CancellationToken.None);

        var error = Assert.Single(errors);
        Assert.Equal("$.nodes[0].template", error.Path);
        Assert.Contains("the postal address", error.Message, StringComparison.Ordinal);
        Assert.Contains("the contact address", error.Message, StringComparison.Ordinal);
        Assert.Contains("templates/offer.liquid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressShownOnlyUnderAConditionTheSampleMissesIsRefused()
    {
        Write("offer.liquid", "---\nsubject: Hi\nlayout: default\n---\n<p>Hello</p>");
        Write(Path.Combine("layouts", "default.liquid"), Footer("{{ shop.name }}{% if profile.tags contains 'vip' %}, {{ shop.postal_address }}{% endif %}"));

        var errors = await new TemplateCatalog(new FileEmailTemplates(folder)).ValidateAsync("offer", CancellationToken.None);

        Assert.Contains(errors, error => error.Message.Contains("the postal address", StringComparison.Ordinal));
    }

    private static string Footer(string sender) =>
        "<html><body>{{ content }}<footer>" + sender + "<br><a href=\"mailto:{{ shop.contact_email }}\">{{ shop.contact_email }}</a>"
        + " <a href=\"{{ unsubscribe_url }}\">unsubscribe</a></footer></body></html>";

    private void Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static EmailModelInput Input(string templateId, string locale)
    {
        var shop = new ShopOptions
        {
            Name = "Kohi & Co",
            Names = { ["ja"] = "珈琲と仲間" },
            PostalAddress = "1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041, Japan",
            PostalAddresses = { ["ja"] = "〒150-0041 東京都渋谷区神南1-2-3" },
            ContactEmail = "hello@kohi.example.com",
            Locale = "ja-JP",
            Currency = "JPY",
            TimeZone = "Asia/Tokyo",
            WebsiteUrl = new Uri("https://kohi.example.com/"),
        };
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("reader@example.com")) with { Email = "reader@example.com", FirstName = "Rei", Locale = locale };
        return new EmailModelInput(profile, null, [], null, shop, Unsubscribe, "winback-60", 1, templateId, new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    }
}
