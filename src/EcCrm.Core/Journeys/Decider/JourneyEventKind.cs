namespace EcCrm.Core.Journeys.Decider;

public enum JourneyEventKind
{
    Entered,
    EnteredHoldout,
    Sent,
    SendDeferred,
    SendBlocked,
    BranchTaken,
    ArmAssigned,
    ActionTaken,
    Converted,
    FlowFinished,
    Exited,
    Completed,

    // What the e-mail provider reported about a send, recorded once per send and kind (key: the send's idempotency key and the kind).
    EmailDelivered,
    EmailOpened,
    EmailClicked,
    EmailBounced,
    EmailUnsubscribed,

    // The customer answered a survey e-mail (key: the send's idempotency key and the answer).
    SurveyAnswered,
}
