using System.Globalization;
using EcCrm.Core.Messaging.Localization;

namespace EcCrm.Core.Tests.Messaging;

public class MoneyTests
{
    [Theory]
    [InlineData(12800, "JPY", "ja-JP", "¥12,800")]
    [InlineData(12800, "JPY", "en-GB", "¥12,800")]
    [InlineData(72, "EUR", "en-US", "€72.00")]
    [InlineData(72, "EUR", "de-DE", "72,00 €")]
    [InlineData(59.9, "USD", "en-US", "$59.90")]
    [InlineData(59.9, "USD", "en", "$59.90")]
    [InlineData(59.9, "USD", "ja-JP", "US$59.90")]
    [InlineData(59.9, "AUD", "en-AU", "$59.90")]
    [InlineData(59.9, "AUD", "en-US", "A$59.90")]
    [InlineData(1234.5, "XYZ", "en-US", "XYZ\u00A01,234.50")]
    [InlineData(1234.5, null, "en-US", "1,234.50")]
    [InlineData(1234, null, "ja-JP", "1,234")]
    public void WritesAmountsAsTheReadersLocaleDoes(double amount, string? currency, string culture, string expected)
    {
        Assert.Equal(expected, Money.Format((decimal)amount, currency, CultureInfo.GetCultureInfo(culture)));
    }
}
