using System.Diagnostics.CodeAnalysis;

namespace EcCrm.Core.Messaging;

/// <summary>Who e-mail comes from, and SendGrid's unsubscribe group (ASM) for each subscription group. Section <c>SendGrid</c>.</summary>
public sealed class SenderOptions
{
    public const string SectionName = "SendGrid";

    public string? FromAddress { get; set; }

    /// <summary>Default: the shop's name.</summary>
    public string? FromName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>Subscription group → SendGrid ASM group id, e.g. <c>SendGrid__AsmGroups__marketing=12345</c>.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public Dictionary<string, int> AsmGroups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
