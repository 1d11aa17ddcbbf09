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
}
