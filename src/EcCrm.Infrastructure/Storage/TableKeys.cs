using System.Globalization;
using System.Text;

namespace EcCrm.Infrastructure.Storage;

/// <summary>
/// Turns ids from outside (order ids, delivery ids) into valid Table storage keys. Characters Table storage
/// forbids in keys (/ \ # ? control characters) and % itself are written as %XX, so keys stay readable and unique.
/// </summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string key) => DateOnly.ParseExact(key, "yyyyMMdd", CultureInfo.InvariantCulture);
}
