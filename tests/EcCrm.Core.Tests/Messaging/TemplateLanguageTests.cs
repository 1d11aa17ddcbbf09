using System.Globalization;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Email;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>Which language a customer's e-mail is written in, from the template files there are.</summary>
public sealed class TemplateLanguageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("eccrm-languages-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("ja-JP", "en", "offer.ja", "ja-JP")]
    [InlineData("en-GB", "ja-JP", "offer.en", "en-GB")]
    [InlineData("de-DE", "ja-JP", "offer.ja", "ja-JP")]
    [InlineData(null, "ja-JP", "offer.ja", "ja-JP")]
    [InlineData("de-DE", "fr-FR", "offer.en", "en")]
    public void TheCustomersLanguageComesFirstThenTheShopsThenEnglish(string? customer, string shop, string file, string culture)
    {
        Write("offer.ja.liquid", "ja");
        Write("offer.en.liquid", "en");

        var chosen = Choose("offer", customer, shop);

        Assert.Equal((file, culture), (chosen?.Name, chosen?.Culture.Name));
    }

    [Fact]
    public void APlainTemplateIsInTheShopsLanguageAndComesBeforeEnglish()
    {
        Write("offer.liquid", "plain");
        Write("offer.en.liquid", "en");

        Assert.Equal(("offer", "de-DE"), Names(Choose("offer", "fr-FR", "de-DE")));
        Assert.Equal(("offer.en", "en-US"), Names(Choose("offer", "en-US", "de-DE")));
    }

    [Fact]
    public async Task TemplateIdsLeaveTheLanguagesOut()
    {
        Write("offer.ja.liquid", "ja");
        Write("offer.en.liquid", "en");
        Write("offer.en.txt.liquid", "text");
        Write("thanks.liquid", "plain");

        var ids = await new TemplateCatalog(new FileEmailTemplates(folder)).IdsAsync(CancellationToken.None);

        Assert.Equal(["offer", "thanks"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EachLanguageGoesInTheLayoutOfItsLanguage()
    {
        Write("offer.ja.liquid", "本文");
        Write("offer.en.liquid", "body");
        Directory.CreateDirectory(Path.Combine(folder, "layouts"));
        File.WriteAllText(Path.Combine(folder, "layouts", "default.ja.liquid"), "{{ content }}<footer><a href=\"{{ unsubscribe_url }}\">配信停止</a> {{ shop.contact_email }} 発行元：{{ shop.name }} {{ shop.postal_address }}</footer>");
        File.WriteAllText(Path.Combine(folder, "layouts", "default.en.liquid"), "{{ content }}<footer><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a> {{ shop.contact_email }} {{ shop.name }}, {{ shop.postal_address }}</footer>");
        var catalog = new TemplateCatalog(new FileEmailTemplates(folder));
        var model = new Dictionary<string, object?>(EmailModel.Sample())
        {
            [EmailModel.EmailVariable] = new Dictionary<string, object?> { [EmailModel.LocaleMember] = "ja-JP" },
        };

        var japanese = await catalog.RenderAsync("offer", model, CancellationToken.None);

        Assert.Equal("<p>本文</p><footer><a href=\"https://crm.example.com/unsubscribe?token=sample\">配信停止</a> help@shop.example.com 発行元：Sample Shop 1-2-3 Sample, Tokyo</footer>", japanese.Html);
        Assert.Empty(await catalog.ValidateAsync("offer", CancellationToken.None));
    }

    private (string Name, CultureInfo Culture)? Choose(string id, string? customer, string shop) =>
        new TemplateCatalog(new FileEmailTemplates(folder))
            .ChooseAsync(id, customer is null ? null : CultureInfo.GetCultureInfo(customer), CultureInfo.GetCultureInfo(shop), CancellationToken.None)
            .GetAwaiter().GetResult();

    private static (string?, string?) Names((string Name, CultureInfo Culture)? chosen) => (chosen?.Name, chosen?.Culture.Name);

    private void Write(string name, string body) =>
        File.WriteAllText(Path.Combine(folder, name), $"---\nsubject: \"{body}\"\nlayout: default\n---\n<p>{body}</p>");
}
