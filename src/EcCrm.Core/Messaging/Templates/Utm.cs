namespace EcCrm.Core.Messaging.Templates;

/// <summary>UTM tags on links to the shop: utm_source=eccrm, utm_medium=email, utm_campaign=journey, utm_content=template.</summary>
public static class Utm
{
    public static Uri Tag(Uri url, string? journeyId, string templateId)
    {
        ArgumentNullException.ThrowIfNull(url);
        var tags = $"utm_source=eccrm&utm_medium=email&utm_campaign={Uri.EscapeDataString(journeyId ?? "transactional")}&utm_content={Uri.EscapeDataString(templateId)}";
        var builder = new UriBuilder(url) { Query = string.IsNullOrEmpty(url.Query) ? tags : url.Query.TrimStart('?') + "&" + tags };
        return builder.Uri;
    }
}
