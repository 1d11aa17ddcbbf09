using System.Diagnostics.CodeAnalysis;

namespace EcCrm.Core.Shop;

/// <summary>The shop EcCrm works for: who sends the e-mail, in which language and time zone, and in which currency it sells.</summary>
public sealed class ShopOptions
{
    public const string SectionName = "Shop";

    /// <summary>The sender's name, printed in every e-mail (required by anti-spam laws).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The shop's name as written in other languages, by language (<c>Shop__Names__ja=珈琲豆の店</c>): an e-mail in that
    /// language shows it instead of <see cref="Name"/>.
    /// </summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Postal address of the sender, printed in every e-mail footer (required by anti-spam laws).</summary>
    public string PostalAddress { get; set; } = string.Empty;

    /// <summary>
    /// The postal address as written in other languages, by language (<c>Shop__PostalAddresses__ja=〒150-0001 東京都渋谷区…</c>):
    /// an e-mail in that language prints it instead of <see cref="PostalAddress"/>.
    /// </summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public Dictionary<string, string> PostalAddresses { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where customers write with questions, printed in every e-mail footer; default: the reply-to, else the from address.
    /// An empty setting counts as unset (a deployment passes every setting, empty when not chosen).
    /// </summary>
    public string? ContactEmail { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    /// <summary>
    /// The shop's locale (such as ja-JP or en-US): the language and formats of e-mail for customers whose own locale is
    /// unknown or has no template, and the language plain <c>{id}.liquid</c> templates are written in.
    /// </summary>
    public string Locale { get; set; } = "en";

    /// <summary>
    /// ISO 4217 code of the currency the shop sells in, shown with every amount in reports and the dashboard. An empty
    /// setting counts as unset.
    /// </summary>
    public string? Currency { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    /// <summary>IANA time zone of the shop: its calendar days, and the fallback for customers whose zone is unknown.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Public address of the shop, the base for links in e-mail.</summary>
    public Uri? WebsiteUrl { get; set; }

    /// <summary>The shop's name as written for readers of <paramref name="language"/> (a two-letter code such as ja).</summary>
    public string NameIn(string language) =>
        Names.TryGetValue(language, out var local) && !string.IsNullOrWhiteSpace(local) ? local : Name;

    /// <summary>The postal address as written for readers of <paramref name="language"/> (a two-letter code such as ja).</summary>
    public string PostalAddressIn(string language) =>
        PostalAddresses.TryGetValue(language, out var local) && !string.IsNullOrWhiteSpace(local) ? local : PostalAddress;
}
