using System.Net;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// What every e-mail must show of its sender: the shop's name, its postal address, an address to write to and the
/// unsubscribe link (Japan's Act on Specified Electronic Mail, article 4; CAN-SPAM asks for the address and the opt-out
/// too). A template is rendered with <see cref="EmailModel.Sample"/> in its layout, and each of the four values must
/// appear in the e-mail (and in its own text part, when it has one): a layout that leaves one out, or shows it only
/// under a condition the sample does not meet, is refused when a journey is validated or published.
/// </summary>
public static class SenderIdentity
{
    /// <summary>The variables that carry the sender's identity, with what they are called in an error.</summary>
    public static IReadOnlyList<(string Variable, string Says)> Required { get; } =
    [
        ("shop.name", "the shop's name"),
        ("shop.postal_address", "the postal address"),
        ("shop.contact_email", "the contact address"),
        ("unsubscribe_url", "the unsubscribe link"),
    ];

    /// <summary>
    /// An error naming the file to fix (the layout when the template has one, else the template) and what it leaves
    /// out; empty when the e-mail shows all four, or when it does not render at all (<see cref="TemplateRenderer.Validate"/> says why).
    /// </summary>
    /// <param name="layoutFile">The layout's file name without extension, such as <c>default.ja</c>; <c>null</c> without a layout.</param>
    public static IReadOnlyList<TemplateError> Check(EmailTemplateSource template, string? layout, string? layoutFile, IReadOnlyDictionary<string, string> partials)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(partials);
        var model = EmailModel.Sample();
        RenderedEmail email;
        try
        {
            email = TemplateRenderer.Render(template, layout, partials, model);
        }
        catch (InvalidOperationException)
        {
            return [];
        }

        var missing = Required
            .Where(required => Value(model, required.Variable) is not { Length: > 0 } value
                || !Shows(email.Html, WebUtility.HtmlEncode(value)) && !Shows(email.Html, value)
                || template.Text is not null && !Shows(email.Text, value))
            .ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var file = layoutFile is null ? $"templates/{template.Id}.liquid" : $"templates/layouts/{layoutFile}.liquid";
        var what = string.Join(", ", missing.Select(required => $"{required.Says} ({{{{ {required.Variable} }}}})"));
        return [new TemplateError(template.Id, null,
            $"The e-mail does not show {what}: every e-mail must show the shop's name, postal address, contact address and unsubscribe link (Japan's Act on Specified Electronic Mail). Add them to {file}, outside any condition.")];
    }

    /// <summary>
    /// The variables (of <see cref="Required"/>) whose values a rendered e-mail does not show, checked at send time so
    /// that a layout edited after its journey was published does not go out without them.
    /// </summary>
    public static IReadOnlyList<string> MissingFrom(RenderedEmail email, string shopName, string postalAddress, string? contactEmail, Uri unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        string?[] values = [shopName, postalAddress, contactEmail, unsubscribeUrl.ToString()];
        return [.. Required.Zip(values)
            .Where(pair => pair.Second is not { Length: > 0 } value
                || !Shows(email.Html, WebUtility.HtmlEncode(value)) && !Shows(email.Html, value)
                || !Shows(email.Text, value))
            .Select(pair => pair.First.Variable)];
    }

    private static bool Shows(string text, string value) => text.Contains(value, StringComparison.Ordinal);

    private static string? Value(IReadOnlyDictionary<string, object?> model, string variable)
    {
        object? value = model;
        foreach (var name in variable.Split('.'))
        {
            value = value is IReadOnlyDictionary<string, object?> members ? members.GetValueOrDefault(name) : null;
        }

        return value as string;
    }
}
