using EcCrm.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// Says at start when e-mail whose send went unconfirmed (a timeout, a 5xx after SendGrid may have accepted it) cannot be
/// reconciled: without SendGrid's signed event webhook no event will ever confirm it, so it is never sent again.
/// </summary>
public sealed partial class EmailDeliveryCheck(IEmailSender sender, ILogger<EmailDeliveryCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!sender.CanReconcile)
        {
            LogCannotReconcile();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid's event webhook is not configured (SendGrid__EventWebhookPublicKey): an e-mail whose send is unconfirmed (a timeout or a 5xx after SendGrid may have accepted it) cannot be reconciled, so it is never sent again and may be missing. Configure the signed event webhook (docs/email.md).")]
    private partial void LogCannotReconcile();
}
