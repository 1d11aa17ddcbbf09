namespace EcCrm.Core.Profiles;

/// <summary>How customer keys are derived (<see cref="CustomerKeys"/>).</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The secret of at least 32 characters every customer key is an HMAC under. Changing it changes every key: see docs/privacy.md.</summary>
    public string? CustomerKeySecret { get; set; }

    /// <summary>Secrets keys were derived with before, newest first, kept while data or suppressions may still be keyed by them.</summary>
    public IList<string> PreviousCustomerKeySecrets { get; } = [];

    /// <summary>
    /// Whether data may still be keyed by the unkeyed SHA-256 of the address that keys were before they were keyed.
    /// While <c>true</c> (the default) suppressions under such keys are honoured and <c>eccrm customers rekey</c> moves
    /// data from them.
    /// </summary>
    public bool UnkeyedCustomerKeys { get; set; } = true;
}
