namespace EcCrm.Testing;

/// <summary>How the fake SendGrid answers one request in a fault run.</summary>
public enum SendGridFault
{
    /// <summary>202: taken.</summary>
    None,

    /// <summary>429: refused for now, nothing taken.</summary>
    RateLimited,

    /// <summary>500 before anything was taken.</summary>
    ServerError,

    /// <summary>Taken, then no answer until the client gives up.</summary>
    AcceptThenNoAnswer,

    /// <summary>Taken, then 503.</summary>
    AcceptThenServerError,
}
