namespace EcCrm.Core.Messaging;

/// <summary>How unsubscribe links are signed and where they point.</summary>
public sealed class UnsubscribeOptions
{
    public const string SectionName = "Unsubscribe";

    /// <summary>Secret of at least 32 characters; changing it invalidates every link already sent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The public address of the Server or Function App, e.g. https://crm.example.com.</summary>
    public Uri? BaseUrl { get; set; }
}
