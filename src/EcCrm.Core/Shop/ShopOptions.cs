namespace EcCrm.Core.Shop;

/// <summary>The shop EcCrm works for: who sends the e-mail and in which time zone its day starts.</summary>
public sealed class ShopOptions
{
    public const string SectionName = "Shop";

    public string Name { get; set; } = string.Empty;

    /// <summary>Postal address of the sender, printed in every e-mail footer (required by anti-spam laws).</summary>
    public string PostalAddress { get; set; } = string.Empty;

    /// <summary>IANA time zone of the shop: its calendar days, and the fallback for customers whose zone is unknown.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Public address of the shop, the base for links in e-mail.</summary>
    public Uri? WebsiteUrl { get; set; }
}
