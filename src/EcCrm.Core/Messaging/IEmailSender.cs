namespace EcCrm.Core.Messaging;

/// <summary>Hands a message to the e-mail provider (SendGrid, or the local mail sink).</summary>
public interface IEmailSender
{
    /// <exception cref="EmailProviderUnavailableException">The provider could not be reached or kept failing; nothing was accepted.</exception>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
