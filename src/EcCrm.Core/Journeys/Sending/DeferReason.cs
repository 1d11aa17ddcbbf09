namespace EcCrm.Core.Journeys.Sending;

public enum DeferReason
{
    /// <summary>It is night (or whatever the journey calls quiet) where the customer lives.</summary>
    QuietHours,

    /// <summary>The customer has had as many marketing e-mails as the cap allows in its period.</summary>
    FrequencyCap,

    /// <summary>The e-mail provider asked to try later.</summary>
    ProviderBusy,
}
