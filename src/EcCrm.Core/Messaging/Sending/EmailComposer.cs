using System.Globalization;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// Turns a rendered template into the message the provider gets: sender, one-click unsubscribe headers (RFC 8058),
/// categories for the provider's statistics, the unsubscribe group, and custom args that bring every event back to
/// its send. Custom args carry ids and hashes only, never personal data.
/// </summary>
public sealed class EmailComposer(IOptions<SenderOptions> sender, IOptions<ShopOptions> shop)
{
    public const string IdempotencyKeyArg = "idempotency_key";
    public const string CustomerKeyArg = "customer_key";
    public const string EnrollmentIdArg = "enrollment_id";
    public const string JourneyIdArg = "journey_id";
    public const string JourneyVersionArg = "journey_version";
    public const string TemplateIdArg = "template_id";
    public const string NodeIdArg = "node_id";

    public EmailMessage Compose(RenderedEmail email, CustomerProfile profile, JourneySend send, Uri unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(send);
        var options = sender.Value;
        var effect = send.Effect;
        return new EmailMessage
        {
            ToAddress = profile.Email ?? throw new ArgumentException("The profile has no e-mail address.", nameof(profile)),
            ToName = profile.FullName,
            FromAddress = options.FromAddress!,
            FromName = string.IsNullOrWhiteSpace(options.FromName) ? shop.Value.Name : options.FromName,
            ReplyTo = options.ReplyTo,
            Subject = email.Subject,
            Html = email.Html,
            Text = email.Text,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            Categories = [$"journey:{send.JourneyId}", $"template:{effect.TemplateId}", effect.Transactional ? "transactional" : "marketing"],
            CustomArgs = new Dictionary<string, string>
            {
                [IdempotencyKeyArg] = effect.IdempotencyKey,
                [CustomerKeyArg] = send.Customer.Value,
                [EnrollmentIdArg] = send.EnrollmentId,
                [JourneyIdArg] = send.JourneyId,
                [JourneyVersionArg] = send.JourneyVersion.ToString(CultureInfo.InvariantCulture),
                [TemplateIdArg] = effect.TemplateId,
                [NodeIdArg] = effect.NodeId,
            },
            AsmGroupId = options.AsmGroups.TryGetValue(effect.SubscriptionGroup, out var group) ? group : null,
            IdempotencyKey = effect.IdempotencyKey,
        };
    }
}
