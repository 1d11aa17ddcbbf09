namespace EcCrm.Core.Messaging;

/// <summary>The provider did not accept the message after retries (rate limit not lifted, server errors, no connection).</summary>
public sealed class EmailProviderUnavailableException : Exception
{
    public EmailProviderUnavailableException()
    {
    }

    public EmailProviderUnavailableException(string message)
        : base(message)
    {
    }

    public EmailProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
