namespace EcCrm.Server.Security;

/// <summary>The key that guards the admin and read API (<c>X-Api-Key</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public string? Key { get; set; }
}
