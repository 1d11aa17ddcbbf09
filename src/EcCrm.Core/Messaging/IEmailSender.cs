namespace EcCrm.Core.Messaging;

/// <summary>
/// Hands a message to the e-mail provider (SendGrid, or the local mail sink), carrying its idempotency key. Provider
/// failures are answers (<see cref="EmailSendResult"/>), told apart by whether the provider may have the message.
/// </summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
