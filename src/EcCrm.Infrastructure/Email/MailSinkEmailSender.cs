using System.Globalization;
using System.Text;
using EcCrm.Core.Messaging;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Email;

/// <summary>
/// For local runs: every message is written to the sink folder as <c>{key}.eml</c> (headers and both parts, as a mail
/// client would show it) and <c>.html</c>, named by its idempotency key (hashed), and listed by the Server at
/// <c>/dev/mail</c>. A retried send replaces its files, each written whole before it takes its name. Nothing leaves the
/// machine.
/// </summary>
public sealed class MailSinkEmailSender(IOptions<MailOptions> options, TimeProvider time) : IEmailSender
{
    /// <summary>The sink writes by key: sending again replaces the file, so an unconfirmed send is simply sent again.</summary>
    public bool CanReconcile => true;

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = options.Value.SinkPath;
        var id = MailSink.FileStem(message.IdempotencyKey);
        try
        {
            Directory.CreateDirectory(folder);
            // The .eml is what lists the message, so it goes last.
            await WriteWholeAsync(Path.Combine(folder, id + ".html"), message.Html, cancellationToken).ConfigureAwait(false);
            await WriteWholeAsync(Path.Combine(folder, id + ".eml"), Eml(message, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new EmailSendResult.Unreachable($"the mail sink folder {folder} cannot be written: {ex.Message}");
        }

        return new EmailSendResult.Accepted($"sink-{id}");
    }

    /// <summary>Writes beside the file and then renames over it, so a reader never sees half a message.</summary>
    private static async Task WriteWholeAsync(string path, string text, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    private static string Eml(EmailMessage message, DateTimeOffset now)
    {
        const string boundary = "eccrm-alternative";
        var eml = new StringBuilder();
        eml.Append(CultureInfo.InvariantCulture, $"From: {Mailbox(message.FromName, message.FromAddress)}\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"To: {Mailbox(message.ToName, message.ToAddress)}\r\n");
        if (message.ReplyTo is { } replyTo)
        {
            eml.Append(CultureInfo.InvariantCulture, $"Reply-To: {replyTo}\r\n");
        }

        eml.Append(CultureInfo.InvariantCulture, $"Subject: {Encoded(message.Subject)}\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"Date: {now.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        foreach (var (name, value) in message.Headers)
        {
            eml.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        foreach (var (name, value) in message.CustomArgs)
        {
            eml.Append(CultureInfo.InvariantCulture, $"X-EcCrm-{name}: {value}\r\n");
        }

        eml.Append(CultureInfo.InvariantCulture, $"X-EcCrm-Categories: {string.Join(", ", message.Categories)}\r\n");
        eml.Append("MIME-Version: 1.0\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{message.Text}\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{message.Html}\r\n");
        eml.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        return eml.ToString();
    }

    private static string Mailbox(string? name, string address) => string.IsNullOrEmpty(name) ? address : $"{Encoded(name)} <{address}>";

    private static string Encoded(string text) =>
        text.All(char.IsAscii) ? text : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
