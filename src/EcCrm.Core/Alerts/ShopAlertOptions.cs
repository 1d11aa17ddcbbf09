namespace EcCrm.Core.Alerts;

/// <summary>Where journey alerts (an <c>alertShop</c> action, such as for an NPS detractor) go.</summary>
public sealed class ShopAlertOptions
{
    public const string SectionName = "ShopAlerts";

    /// <summary>The shop's HTTPS endpoint; without one, alerts are logged and dropped (nothing to deliver to).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Signs each delivery as EcCrm's generic webhooks are signed (<c>X-EcCrm-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>).
    /// </summary>
    public string? SigningSecret { get; set; }
}
