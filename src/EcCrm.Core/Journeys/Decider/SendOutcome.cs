using System.Text.Json.Serialization;
using EcCrm.Core.Journeys.Sending;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>What became of one <see cref="SendEmail"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "outcome")]
[JsonDerivedType(typeof(Sent), "sent")]
[JsonDerivedType(typeof(Deferred), "deferred")]
[JsonDerivedType(typeof(Blocked), "blocked")]
[JsonDerivedType(typeof(Unconfirmed), "unconfirmed")]
public abstract record SendOutcome
{
    /// <summary>The outcome of a send that the policy judged at <paramref name="now"/> (and that was sent if allowed).</summary>
    public static SendOutcome From(SendVerdict verdict, DateTimeOffset now) => verdict switch
    {
        DeferSend defer => new Deferred(defer.Until, defer.Reason),
        BlockSend block => new Blocked(block.Reason),
        _ => new Sent(now),
    };
}
