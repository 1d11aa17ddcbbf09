namespace EcCrm.Server.Security;

/// <summary>The verdict on a dashboard session cookie.</summary>
public enum DashboardSessionCheck
{
    Valid,

    /// <summary>Not a session cookie of this format at all.</summary>
    Malformed,

    /// <summary>Changed, forged, or signed under another API key (the key was changed since).</summary>
    BadSignature,

    /// <summary>Past its expiry, or issued further ago than the session lifetime allows now.</summary>
    Expired,
}
