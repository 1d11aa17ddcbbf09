using System.Text.Json.Serialization;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>Something that happened to an enrollment. Every input may arrive more than once or late; the decider ignores what it has seen or what no longer applies.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "input")]
[JsonDerivedType(typeof(Started), "started")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(OrderPlaced), "orderPlaced")]
[JsonDerivedType(typeof(EventTracked), "eventTracked")]
[JsonDerivedType(typeof(EmailEvent), "emailEvent")]
[JsonDerivedType(typeof(SurveyAnswered), "surveyAnswered")]
[JsonDerivedType(typeof(EffectCompleted), "effectCompleted")]
[JsonDerivedType(typeof(ProfileChanged), "profileChanged")]
[JsonDerivedType(typeof(Cancel), "cancel")]
[JsonDerivedType(typeof(Unsubscribed), "unsubscribed")]
public abstract record JourneyInput;
