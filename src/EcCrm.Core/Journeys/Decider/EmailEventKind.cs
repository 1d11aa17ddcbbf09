namespace EcCrm.Core.Journeys.Decider;

public enum EmailEventKind
{
    Delivered,
    Opened,
    Clicked,
    Bounced,
    Unsubscribed,
}
