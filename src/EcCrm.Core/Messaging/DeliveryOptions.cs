namespace EcCrm.Core.Messaging;

/// <summary>
/// How the send ledger settles what the provider did not answer clearly (section <c>Delivery</c>). These are real
/// times, whatever the journeys' clock reads: they measure how long a provider takes, not how long a customer waits.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// An unconfirmed send (the provider may have it: a timeout, a reset connection, a 5xx) waits this long for a
    /// provider event carrying its key (processed, delivered, bounce, dropped); with none, it is sent again.
    /// </summary>
    public TimeSpan ReconciliationWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A claim younger than this may belong to an attempt still talking to the provider: it is left alone.</summary>
    public TimeSpan InFlightAllowance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After the provider refused a send for now (429, unreachable), the first wait before it is tried again; each next wait doubles.</summary>
    public TimeSpan ProviderRetryFirst { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two tries while the provider refuses.</summary>
    public TimeSpan ProviderRetryMax { get; set; } = TimeSpan.FromHours(1);
}
