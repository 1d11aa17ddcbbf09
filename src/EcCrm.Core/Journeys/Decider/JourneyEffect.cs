using System.Text.Json.Serialization;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>Something the runtime must do for the decider. Every effect is safe to carry out twice.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(SendEmail), "sendEmail")]
[JsonDerivedType(typeof(WaitUntil), "waitUntil")]
[JsonDerivedType(typeof(ExitEnrollment), "exit")]
[JsonDerivedType(typeof(CompleteEnrollment), "complete")]
[JsonDerivedType(typeof(RecordConversion), "recordConversion")]
[JsonDerivedType(typeof(CreateCoupon), "createCoupon")]
[JsonDerivedType(typeof(TagProfile), "tagProfile")]
[JsonDerivedType(typeof(UpdateProfile), "updateProfile")]
[JsonDerivedType(typeof(AlertShop), "alertShop")]
[JsonDerivedType(typeof(RecordJourneyEvent), "recordJourneyEvent")]
public abstract record JourneyEffect;
