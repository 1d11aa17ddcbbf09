namespace EcCrm.Core.Consent;

/// <summary>
/// A consent change the shop's own system reports through the API (a sign-up form, a preference centre). Give
/// <see cref="At"/> and <see cref="Reference"/> so that a retried call is the same record.
/// </summary>
/// <param name="OptIn"><c>true</c> for an opt-in, <c>false</c> for an opt-out.</param>
/// <param name="At">When the customer gave or withdrew consent; default: when the call arrives.</param>
/// <param name="Reference">The caller's id for the change (a form submission id); default: none.</param>
/// <param name="Method">How consent was given, in the caller's words (<c>newsletter form, double opt-in</c>).</param>
/// <param name="Evidence">Further fields that show it; not personal data such as addresses (the record outlives an erasure).</param>
public sealed record ConsentStatement(bool OptIn, DateTimeOffset? At = null, string? Reference = null, string? Method = null, string? Group = null, IReadOnlyDictionary<string, string>? Evidence = null);
