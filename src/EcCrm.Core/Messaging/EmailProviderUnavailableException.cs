namespace EcCrm.Core.Messaging;

/// <summary>The e-mail could not be sent now and nothing was accepted (the provider refused it for now or could not be reached, or another attempt holds it): retry the input later.</summary>
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
