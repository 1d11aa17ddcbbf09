namespace EcCrm.Core.Messaging;

/// <summary>
/// Hands a message to the e-mail provider (SendGrid, or the local mail sink), carrying its idempotency key. Provider
/// failures are answers (<see cref="EmailSendResult"/>), told apart by whether the provider may have the message.
/// </summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether an unconfirmed send can be settled: the provider reports every message it accepted with its key (SendGrid
    /// with its signed event webhook configured), or a second send replaces the first (the mail sink). When not, an
    /// unconfirmed send is never sent again: it might go out twice.
    /// </summary>
    bool CanReconcile { get; }
}
