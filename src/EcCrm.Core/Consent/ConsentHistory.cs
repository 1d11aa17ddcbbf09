using System.Text.Json.Serialization;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Consent;

/// <summary>A customer's consent: the history the ledger holds and what it amounts to now.</summary>
/// <param name="Current"><c>true</c> opted in, <c>false</c> opted out, <c>null</c> no recorded opt-in (written as null, not left out).</param>
public sealed record ConsentHistory(
    CustomerKey Customer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? Current,
    IReadOnlyList<ConsentRecord> Records);
