namespace EcCrm.Server.Security;

/// <summary>The key that guards the admin and read API (<c>X-Api-Key</c>) and the dashboard's sign-in.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public string? Key { get; set; }

    /// <summary>How long a dashboard sign-in lasts; checked by the Server on every request, not left to the browser.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
