using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcCrm.Infrastructure.Email;

/// <summary>Reads the mail sink folder back: what would have been sent, newest first.</summary>
public sealed class MailSink(Microsoft.Extensions.Options.IOptions<MailOptions> options)
{
    public static string FileStem(DateTimeOffset at, string idempotencyKey) =>
        $"{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..12]}";

    public IReadOnlyList<SunkMail> List(int count)
    {
        var folder = options.Value.SinkPath;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.eml")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderDescending(StringComparer.Ordinal)
            .Take(count)
            .Select(stem => Read(folder, stem!))
            .OfType<SunkMail>()];
    }

    /// <summary>One message's HTML, by its file stem; <c>null</c> for an unknown or unsafe name.</summary>
    public string? Html(string id)
    {
        if (id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var path = Path.Combine(options.Value.SinkPath, id + ".html");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static SunkMail? Read(string folder, string stem)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(folder, stem + ".eml"));
        }
        catch (IOException)
        {
            return null; // being written right now
        }

        string? Header(string name) => lines.TakeWhile(line => line.Length > 0)
            .FirstOrDefault(line => line.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 2)..];
        var at = DateTime.TryParseExact(stem[..18], "yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : default;
        return new SunkMail(stem, at, Header("To") ?? string.Empty, Decode(Header("Subject") ?? string.Empty), Header("X-EcCrm-journey_id"), Header("X-EcCrm-template_id"));
    }

    private static string Decode(string subject) =>
        subject.StartsWith("=?utf-8?B?", StringComparison.Ordinal) && subject.EndsWith("?=", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(subject[10..^2]))
            : subject;
}

/// <summary>One message in the mail sink.</summary>
public sealed record SunkMail(string Id, DateTimeOffset At, string To, string Subject, string? JourneyId, string? TemplateId);
