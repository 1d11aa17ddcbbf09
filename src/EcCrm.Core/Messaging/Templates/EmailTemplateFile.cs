namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Reads the template file format:
/// <code>
/// ---
/// subject: "{{ profile.first_name | default: 'Hello' }}, we saved you a seat"
/// preheader: New arrivals since your last visit
/// layout: default
/// ---
/// &lt;h1&gt;HTML body&lt;/h1&gt;
/// </code>
/// <c>layout</c> defaults to <c>default</c> (<c>layouts/default.liquid</c>); <c>layout: none</c> sends the body as it is.
/// </summary>
public static class EmailTemplateFile
{
    public const string DefaultLayout = "default";

    public static (EmailTemplateSource? Template, TemplateError? Error) Parse(string id, string content, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return (null, new TemplateError(id, 1, "A template starts with front matter: a line '---', 'subject: …', and another '---'."));
        }

        var end = Array.FindIndex(lines, 1, line => line.Trim() == "---");
        if (end < 0)
        {
            return (null, new TemplateError(id, 1, "The front matter is not closed: add a line '---' after it."));
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < end; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (null, new TemplateError(id, i + 1, $"Front matter lines read 'name: value', not \"{lines[i].Trim()}\"."));
            }

            var name = lines[i][..colon].Trim();
            if (name is not ("subject" or "preheader" or "layout"))
            {
                return (null, new TemplateError(id, i + 1, $"Unknown front matter field \"{name}\": use subject, preheader or layout."));
            }

            fields[name] = Unquote(lines[i][(colon + 1)..].Trim());
        }

        if (!fields.TryGetValue("subject", out var subject) || subject.Length == 0)
        {
            return (null, new TemplateError(id, 2, "The front matter has no subject."));
        }

        var layout = fields.GetValueOrDefault("layout") is { Length: > 0 } named ? named : DefaultLayout;
        var bodyStart = end + 1;
        while (bodyStart < lines.Length && string.IsNullOrWhiteSpace(lines[bodyStart]))
        {
            bodyStart++;
        }

        var html = string.Join('\n', lines[bodyStart..]).TrimEnd();
        return (new EmailTemplateSource(id, subject, fields.GetValueOrDefault("preheader"), html, text, layout == "none" ? null : layout) { BodyLine = bodyStart + 1 }, null);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;
}
