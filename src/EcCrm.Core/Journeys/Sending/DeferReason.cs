namespace EcCrm.Core.Journeys.Sending;

public enum DeferReason
{
    /// <summary>It is night (or whatever the journey calls quiet) where the customer lives.</summary>
    QuietHours,

    /// <summary>The customer has had as many marketing e-mails as the cap allows in its period.</summary>
    FrequencyCap,

    /// <summary>The e-mail provider asked to try later, or could not be reached: nothing was sent.</summary>
    ProviderBusy,

    /// <summary>The provider may have the e-mail (its answer was lost): waiting for its events to say, before sending it again.</summary>
    AwaitingConfirmation,

    /// <summary>The deliverability guard paused the journey: its marketing e-mail waits until it is resumed.</summary>
    JourneyHeld,
}
