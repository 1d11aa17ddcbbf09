using EcCrm.Core.Messaging.Localization;
using Fluid;
using Fluid.Values;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// The filters that write values as the e-mail's locale does (its culture is the template context's):
/// <c>{{ last_order.total | money: last_order.currency }}</c> → ¥6,400 (without an argument, the e-mail's currency), and
/// <c>{{ coupon.valid_until | local_date }}</c> → 2026年10月27日 or October 27, 2026.
/// </summary>
internal static class LocaleFilters
{
    public const string MoneyFilter = "money";
    public const string LocalDateFilter = "local_date";

    /// <summary>The ambient value that holds the e-mail's currency, the default of <c>money</c>.</summary>
    public const string CurrencyValue = "eccrm.currency";

    public static FilterCollection WithLocaleFilters(this FilterCollection filters)
    {
        filters.AddFilter(MoneyFilter, FormatMoney);
        filters.AddFilter(LocalDateFilter, FormatLocalDate);
        return filters;
    }

    private static ValueTask<FluidValue> FormatMoney(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (arguments.Count > 1)
        {
            throw new ArgumentException($"The filter {MoneyFilter} takes at most one argument, the currency code: {{{{ last_order.total | {MoneyFilter}: last_order.currency }}}}.");
        }

        if (input.IsNil() || (input.Type == FluidValues.String && string.IsNullOrWhiteSpace(input.ToStringValue())))
        {
            return NilValue.Instance;
        }

        var currency = arguments.At(0).IsNil()
            ? context.AmbientValues.GetValueOrDefault(CurrencyValue) as string
            : arguments.At(0).ToStringValue();
        return new StringValue(Money.Format(input.ToNumberValue(), currency, context.CultureInfo));
    }

    private static ValueTask<FluidValue> FormatLocalDate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (arguments.Count > 0)
        {
            throw new ArgumentException($"The filter {LocalDateFilter} takes no argument; for a format of your own use date: '%Y-%m-%d'.");
        }

        return input.TryGetDateTimeInput(context, out var date)
            ? new StringValue(LocalDates.Format(date, context.CultureInfo))
            : input;
    }
}
