namespace EcCrm.Core.Webhooks;

/// <summary>One shop platform's webhook: whether it is accepted and the secret its signatures are made with.</summary>
public sealed class WebhookSourceOptions
{
    /// <summary>A disabled source answers 404, and needs no secret.</summary>
    public bool Enabled { get; set; } = true;

    public string? Secret { get; set; }
}
