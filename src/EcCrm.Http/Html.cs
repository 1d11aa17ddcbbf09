using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace EcCrm.Http;

/// <summary>A tiny HTML writer: everything written through <see cref="Text"/> is encoded.</summary>
public sealed class Html
{
    private readonly StringBuilder html = new();

    public Html Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        html.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));
        return this;
    }

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public override string ToString() => html.ToString();
}
