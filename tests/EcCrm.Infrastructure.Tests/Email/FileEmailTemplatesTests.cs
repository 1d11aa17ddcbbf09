using EcCrm.Core.Messaging.Templates;
using EcCrm.Infrastructure.Email;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>Templates, layouts and partials are read once and kept until their file changes, appears or goes.</summary>
public sealed class FileEmailTemplatesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("eccrm-templates-").FullName;

    public FileEmailTemplatesTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "layouts"));
        Directory.CreateDirectory(Path.Combine(folder, "partials"));
        Write("hello.liquid", "---\nsubject: \"Hello {{ profile.first_name }}\"\n---\n<p>Hello</p>\n{% include 'footer' %}");
        Write("layouts/default.liquid", "<main>{{ content }}</main>");
        Write("partials/footer.liquid", "<footer>Shop</footer>");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AnUnchangedFileGivesTheSameObjectsAgain()
    {
        var templates = new FileEmailTemplates(folder);

        var (first, _) = await templates.GetAsync("hello", default);
        var (second, _) = await templates.GetAsync("hello", default);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Same(await templates.GetLayoutAsync("default", default), await templates.GetLayoutAsync("default", default));
        Assert.Same(await templates.GetPartialsAsync(default), await templates.GetPartialsAsync(default));
    }

    [Fact]
    public async Task AnEditedTemplateIsReadAgainEvenWhenItsSizeStaysTheSame()
    {
        var templates = new FileEmailTemplates(folder);
        var (before, _) = await templates.GetAsync("hello", default);

        Write("hello.liquid", "---\nsubject: \"Howdy {{ profile.first_name }}\"\n---\n<p>Howdy</p>\n{% include 'footer' %}", later: TimeSpan.FromMinutes(1));
        var (after, _) = await templates.GetAsync("hello", default);

        Assert.Equal(before!.Html.Length, after!.Html.Length);
        Assert.Equal("<p>Howdy</p>\n{% include 'footer' %}", after.Html);
        Assert.Equal("Howdy {{ profile.first_name }}", after.Subject);
    }

    [Fact]
    public async Task ATextPartThatAppearsOrGoesIsNoticed()
    {
        var templates = new FileEmailTemplates(folder);
        Assert.Null((await templates.GetAsync("hello", default)).Template!.Text);

        Write("hello.txt.liquid", "Hello in plain text");
        Assert.Equal("Hello in plain text", (await templates.GetAsync("hello", default)).Template!.Text);

        File.Delete(Path.Combine(folder, "hello.txt.liquid"));
        Assert.Null((await templates.GetAsync("hello", default)).Template!.Text);
    }

    [Fact]
    public async Task EditedAddedAndRemovedLayoutsAndPartialsAreNoticed()
    {
        var templates = new FileEmailTemplates(folder);
        Assert.Equal("<main>{{ content }}</main>", await templates.GetLayoutAsync("default", default));
        Assert.Equal(["footer"], (await templates.GetPartialsAsync(default)).Keys);

        Write("layouts/default.liquid", "<article>{{ content }}</article>");
        Write("partials/footer.liquid", "<footer>Our shop</footer>");
        Write("partials/header.liquid", "<header>Shop</header>");

        Assert.Equal("<article>{{ content }}</article>", await templates.GetLayoutAsync("default", default));
        var partials = await templates.GetPartialsAsync(default);
        Assert.Equal("<footer>Our shop</footer>", partials["footer"]);
        Assert.Equal("<header>Shop</header>", partials["header"]);

        File.Delete(Path.Combine(folder, "partials", "footer.liquid"));
        File.Delete(Path.Combine(folder, "hello.liquid"));
        Assert.Equal(["header"], (await templates.GetPartialsAsync(default)).Keys);
        Assert.Equal((null, null), await templates.GetAsync("hello", default));
    }

    [Fact]
    public async Task TheCatalogRendersAnEditedPartialWithoutARestart()
    {
        var catalog = new TemplateCatalog(new FileEmailTemplates(folder));
        Assert.Contains("<footer>Shop</footer>", (await catalog.RenderAsync("hello", EmailModel.Sample(), default)).Html, StringComparison.Ordinal);

        Write("partials/footer.liquid", "<footer>Our shop</footer>");

        var email = await catalog.RenderAsync("hello", EmailModel.Sample(), default);
        Assert.Contains("<main><p>Hello</p>\n<footer>Our shop</footer></main>", email.Html, StringComparison.Ordinal);
        Assert.Equal("Hello Sam", email.Subject);
    }

    /// <summary>Writes a file and moves its modification time on, so the change shows whatever the clock's resolution.</summary>
    private void Write(string name, string content, TimeSpan? later = null)
    {
        var path = Path.Combine(folder, name);
        var previous = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : (DateTime?)null;
        File.WriteAllText(path, content);
        if (previous is { } time)
        {
            File.SetLastWriteTimeUtc(path, time + (later ?? TimeSpan.FromSeconds(1)));
        }
    }
}
