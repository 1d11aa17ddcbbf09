namespace EcCrm.Core.Journeys.Definition;

/// <summary>Sets a profile attribute (a free-form key and value kept on the profile).</summary>
public sealed record UpdateProfileAction(string Attribute, string Value) : JourneyAction;
