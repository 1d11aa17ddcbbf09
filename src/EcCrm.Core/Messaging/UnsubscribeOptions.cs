namespace EcCrm.Core.Messaging;

/// <summary>How unsubscribe links are signed and where they point.</summary>
public sealed class UnsubscribeOptions
{
    public const string SectionName = "Unsubscribe";

    /// <summary>Secret of at least 32 characters that signs every new link.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The id of <see cref="SigningKey"/> (1 to 255), written into each link it signs; 1 unless set.</summary>
    public int SigningKeyId { get; set; } = UnsubscribeTokens.FirstKeyId;

    /// <summary>Keys that signed links already sent, each with its id: their links keep working, but they sign nothing new.</summary>
    public IList<UnsubscribeSigningKey> PreviousKeys { get; } = [];

    /// <summary>The public address of the Server or Function App, e.g. https://crm.example.com.</summary>
    public Uri? BaseUrl { get; set; }
}
