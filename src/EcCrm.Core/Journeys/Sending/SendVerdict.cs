using System.Text.Json.Serialization;

namespace EcCrm.Core.Journeys.Sending;

/// <summary>What <see cref="SendPolicy.Evaluate"/> says about one e-mail right before it would be sent.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "verdict")]
[JsonDerivedType(typeof(AllowSend), "allow")]
[JsonDerivedType(typeof(DeferSend), "defer")]
[JsonDerivedType(typeof(BlockSend), "block")]
public abstract record SendVerdict;
