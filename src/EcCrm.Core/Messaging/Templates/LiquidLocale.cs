using System.Globalization;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>How one e-mail writes dates, numbers and money: its culture, the customer's time zone, and its currency.</summary>
internal sealed record LiquidLocale(CultureInfo Culture, TimeZoneInfo TimeZone, string? Currency)
{
    /// <summary>The locale the model's <c>email</c> variable names (see <see cref="EmailModel"/>); <c>null</c> when it names none.</summary>
    public static LiquidLocale? Of(IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.GetValueOrDefault(EmailModel.EmailVariable) is not IReadOnlyDictionary<string, object?> email
            || Localization.EmailLanguages.Culture(email.GetValueOrDefault(EmailModel.LocaleMember) as string) is not { } culture)
        {
            return null;
        }

        var zone = email.GetValueOrDefault(EmailModel.TimeZoneMember) is string id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return new LiquidLocale(culture, zone, email.GetValueOrDefault(EmailModel.CurrencyMember) as string);
    }
}
