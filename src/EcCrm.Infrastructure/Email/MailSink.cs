using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// The mail sink folder: one message per idempotency key (<c>{key hash}.eml</c> and <c>.html</c>), so a retried send
/// replaces its file instead of adding one. Reads it back newest first.
/// </summary>
public sealed class MailSink(Microsoft.Extensions.Options.IOptions<MailOptions> options)
{
    /// <summary>The file name (without extension) of the message with this idempotency key.</summary>
    public static string FileStem(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    public IReadOnlyList<SunkMail> List(int count)
    {
        var folder = options.Value.SinkPath;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).EnumerateFiles("*.eml")
            .Select(file => (Stem: Path.GetFileNameWithoutExtension(file.Name), file.LastWriteTimeUtc))
            .Select(file => (Mail: Read(folder, file.Stem), file.LastWriteTimeUtc))
            .Where(file => file.Mail is not null)
            .OrderByDescending(file => file.Mail!.At)
            .ThenByDescending(file => file.LastWriteTimeUtc)
            .Take(count)
            .Select(file => file.Mail!)];
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
        var at = DateTimeOffset.TryParseExact(Header("Date"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : default;
        return new SunkMail(stem, at, MimeHeader.Decode(Header("To") ?? string.Empty), MimeHeader.Decode(Header("Subject") ?? string.Empty), Header("X-EcCrm-journey_id"), Header("X-EcCrm-template_id"));
    }
}

/// <summary>One message in the mail sink.</summary>
public sealed record SunkMail(string Id, DateTimeOffset At, string To, string Subject, string? JourneyId, string? TemplateId);
