using EcCrm.Core.Messaging.Events;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace EcCrm.Infrastructure.Email;

/// <summary>SendGrid's own validator for the signed event webhook (ECDSA P-256 over the timestamp and the raw body).</summary>
public sealed class SendGridEventSignature : IEventWebhookSignature
{
    private readonly RequestValidator validator = new();
    private readonly EllipticCurve.PublicKey? key;

    public SendGridEventSignature(IOptions<SendGridOptions> options)
    {
        if (options.Value.EventWebhookPublicKey is { Length: > 0 } publicKey)
        {
            key = validator.ConvertPublicKeyToECDSA(publicKey);
        }
    }

    public bool IsConfigured => key is not null;

    public bool Verify(string body, string signature, string timestamp)
    {
        if (key is null)
        {
            return false;
        }

        try
        {
            return validator.VerifySignature(key, body, signature, timestamp);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false; // a signature that is not even base64 DER
        }
    }
}
