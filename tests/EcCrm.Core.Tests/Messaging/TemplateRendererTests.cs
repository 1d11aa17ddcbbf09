using EcCrm.Core.Messaging.Templates;

namespace EcCrm.Core.Tests.Messaging;

public class TemplateRendererTests
{
    private const string Layout = "<html><body>{{ content }}<footer>{{ shop.name }} · {{ shop.postal_address }} · <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></footer></body></html>";

    private static EmailTemplateSource Template(string body, string subject = "Hello {{ profile.first_name }}") =>
        EmailTemplateFile.Parse("t", $"---\nsubject: \"{subject}\"\nlayout: default\n---\n{body}").Template!;

    [Fact]
    public void PersonalisesSubjectAndBodyAndPutsTheBodyInTheLayout()
    {
        var email = TemplateRenderer.Render(Template("<p>Your {{ last_order.items[0].title }}: {{ recommendations[0].title }}</p>"), Layout, new Dictionary<string, string>(), EmailModel.Sample());

        Assert.Equal("Hello Sam", email.Subject);
        Assert.Contains("<p>Your Beans: Paper Filters</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<footer>Sample Shop · 1-2-3 Sample, Tokyo · <a href=\"https://crm.example.com/unsubscribe?token=sample\">", email.Html, StringComparison.Ordinal);
        Assert.Contains("Your Beans: Paper Filters", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomerDataIsHtmlEncodedInTheHtmlButNotInTheSubject()
    {
        var model = new Dictionary<string, object?>(EmailModel.Sample())
        {
            ["profile"] = new Dictionary<string, object?> { ["first_name"] = "<b>Eve</b> & co" },
        };

        var email = TemplateRenderer.Render(Template("<p>{{ profile.first_name }}</p>"), Layout, new Dictionary<string, string>(), model);

        Assert.Contains("<p>&lt;b&gt;Eve&lt;/b&gt; &amp; co</p>", email.Html, StringComparison.Ordinal);
        Assert.Equal("Hello <b>Eve</b> & co", email.Subject);
    }

    [Fact]
    public void AnUnknownVariableIsAnErrorWithItsLine()
    {
        var errors = TemplateRenderer.Validate(Template("<p>ok</p>\n<p>{{ profile.shoe_size }}</p>"), Layout, new Dictionary<string, string>(), layoutRequired: true);

        var error = Assert.Single(errors);
        Assert.Contains("profile.shoe_size", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void ATemplateThatDoesNotParseIsAnError()
    {
        var errors = TemplateRenderer.Validate(Template("{% if profile.first_name %}<p>unclosed</p>"), Layout, new Dictionary<string, string>(), layoutRequired: true);

        Assert.Contains(errors, error => error.Message.Contains("does not parse", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingLayoutAndAnUnknownFilterAreErrors()
    {
        Assert.Contains(
            TemplateRenderer.Validate(Template("<p>x</p>"), null, new Dictionary<string, string>(), layoutRequired: true),
            error => error.Message.Contains("no layout", StringComparison.Ordinal));
        Assert.Contains(
            TemplateRenderer.Validate(Template("<p>{{ profile.first_name | shout }}</p>"), Layout, new Dictionary<string, string>(), layoutRequired: true),
            error => error.Message.Contains("shout", StringComparison.Ordinal));
    }

    [Fact]
    public void PartialsRenderAndAPartialNamedLikeAVariableIsRefused()
    {
        var partials = new Dictionary<string, string> { ["product-list"] = "{% for p in recommendations %}[{{ p.title }}]{% endfor %}" };
        var email = TemplateRenderer.Render(Template("{% include 'product-list' %}"), Layout, partials, EmailModel.Sample());
        Assert.Contains("[Paper Filters]", email.Html, StringComparison.Ordinal);

        var clash = new Dictionary<string, string> { ["recommendations"] = "x" };
        Assert.Contains(
            TemplateRenderer.Validate(Template("{% include 'recommendations' %}"), Layout, clash, layoutRequired: true),
            error => error.Message.Contains("named like the variable", StringComparison.Ordinal));
    }

    [Fact]
    public void ASyntaxErrorHasTheLineOfTheFileAndASentence()
    {
        var template = Template("<p>ok</p>\n{% if profile.first_name = 'Sam' %}<p>hi</p>{% endif %}");

        var error = Assert.Single(TemplateRenderer.Validate(template, Layout, new Dictionary<string, string>(), layoutRequired: true));
        var thrown = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(template, Layout, new Dictionary<string, string>(), EmailModel.Sample()));

        Assert.Equal("t", error.TemplateId);
        Assert.Equal(6, error.Line);
        Assert.StartsWith("The html does not parse at column ", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.ToString(), thrown.Message);
    }

    [Fact]
    public void RenderingAnUnknownFilterFailsWithTheTemplateTheLineAndTheFilter()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() =>
            TemplateRenderer.Render(Template("<p>ok</p>\n<p>{{ profile.first_name | shout }}</p>"), Layout, new Dictionary<string, string>(), EmailModel.Sample()));

        Assert.Equal("t, line 6: Unknown filter \"shout\" in the html.", thrown.Message);
    }

    [Fact]
    public void AnUnknownFilterIsFoundEvenWhereTheSampleDoesNotGo()
    {
        var errors = TemplateRenderer.Validate(Template("{% if coupon == nil %}\n{{ coupon.code | shout }}\n{% endif %}"), Layout, new Dictionary<string, string>(), layoutRequired: true);

        var error = Assert.Single(errors);
        Assert.Equal(6, error.Line);
        Assert.Equal("Unknown filter \"shout\" in the html.", error.Message);
    }

    [Fact]
    public void AMistakeInAPartialIsToldWithThePartialsNameAndLine()
    {
        var partials = new Dictionary<string, string> { ["product-list"] = "<ul>\n{% for p in recommendations %}<li>{{ p.title }}</li>\n{% endfor %}\n{% if %}</ul>" };
        var template = Template("<p>ok</p>\n{% include 'product-list' %}");

        var error = Assert.Single(TemplateRenderer.Validate(template, Layout, partials, layoutRequired: true));
        var thrown = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render(template, Layout, partials, EmailModel.Sample()));

        Assert.Equal("t (partial product-list)", error.TemplateId);
        Assert.Equal(4, error.Line);
        Assert.Contains("does not parse", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.ToString(), thrown.Message);
    }

    [Fact]
    public void AMissingPartialIsAnErrorOnTheLineThatIncludesIt()
    {
        var template = Template("<p>ok</p>\n{% include 'product-lsit' %}");

        var error = Assert.Single(TemplateRenderer.Validate(template, Layout, new Dictionary<string, string> { ["product-list"] = "x" }, layoutRequired: true));

        Assert.Equal(6, error.Line);
        Assert.Equal("There is no partial \"product-lsit\" (partials/product-lsit.liquid).", error.Message);
    }

    [Fact]
    public void AnUnknownMemberOfALoopItemIsFoundWithItsLine()
    {
        var errors = TemplateRenderer.Validate(Template("<p>ok</p>\n{% for p in recommendations %}{{ p.colour }}{% endfor %}"), Layout, new Dictionary<string, string>(), layoutRequired: true);

        var error = Assert.Single(errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVariableAssignedNilIsKnownAndRendersEmpty()
    {
        var template = Template("{% assign off = coupon.amount_off %}<p>[{{ off }}]</p>");

        Assert.Empty(TemplateRenderer.Validate(template, Layout, new Dictionary<string, string>(), layoutRequired: true));
        Assert.Contains("<p>[]</p>", TemplateRenderer.Render(template, Layout, new Dictionary<string, string>(), EmailModel.Sample()).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVariableRendersEmptyWhenSent()
    {
        var email = TemplateRenderer.Render(Template("<p>[{{ profile.shoe_size }}]</p>"), Layout, new Dictionary<string, string>(), EmailModel.Sample());

        Assert.Contains("<p>[]</p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void DatesAreWrittenWithShopifysStrftimeFormats()
    {
        var model = new Dictionary<string, object?>(EmailModel.Sample())
        {
            ["coupon"] = new Dictionary<string, object?> { ["valid_until"] = new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc) },
        };

        var email = TemplateRenderer.Render(Template("<p>{{ coupon.valid_until | date: '%A %B %e, %H:%M' }}</p>"), Layout, new Dictionary<string, string>(), model);

        Assert.Contains("<p>Sunday March  1, 23:30</p>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksCarryUtmTagsOfTheJourneyAndTemplate()
    {
        var email = TemplateRenderer.Render(Template("<a href=\"{{ recommendations[0].url }}\">x</a>"), Layout, new Dictionary<string, string>(), EmailModel.Sample());

        Assert.Contains("https://shop.example.com/products/filters?utm_source=eccrm&amp;utm_medium=email&amp;utm_campaign=sample-journey&amp;utm_content=sample-template", email.Html, StringComparison.Ordinal);
    }
}
