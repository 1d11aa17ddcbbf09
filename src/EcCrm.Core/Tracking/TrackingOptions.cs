namespace EcCrm.Core.Tracking;

/// <summary>The track API (<c>POST /api/events</c>): how long events are kept, and the storefront's publishable key.</summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>Events older than this many days are removed and no longer shown in e-mails.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// A key a storefront may publish in its pages (<c>writeKey</c>): it lets a browser send anonymous events and nothing
    /// else. Events that name an e-mail address need a signed request or the API key, so a page cannot make EcCrm write
    /// to a stranger. Empty: only signed and API-key requests are taken.
    /// </summary>
    public string? WriteKey { get; set; }

    /// <summary>The most events one request may carry.</summary>
    public int MaxBatch { get; set; } = 100;
}
