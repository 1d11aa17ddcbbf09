using EcCrm.Core.Messaging;
using EcCrm.Infrastructure.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>The local mail sink: one file per idempotency key, so a retried send replaces its message.</summary>
public sealed class MailSinkTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "eccrm-tests-mail", "sink-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARetriedSendReplacesItsMessageInsteadOfAddingASecond()
    {
        var options = Options.Create(new MailOptions { Sink = folder });
        var sender = new MailSinkEmailSender(options, clock);

        await sender.SendAsync(Message("enr-1:email-1:1", "First try"), default);
        clock.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(Message("enr-1:email-1:1", "Second try"), default);
        await sender.SendAsync(Message("enr-1:email-2:1", "Another e-mail"), default);

        var eml = Directory.GetFiles(folder, "*.eml");
        Assert.Equal(2, eml.Length);
        Assert.Equal(2, Directory.GetFiles(folder, "*.html").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        var mails = new MailSink(options).List(10);
        Assert.Equal(["Another e-mail", "Second try"], mails.Select(mail => mail.Subject));
        Assert.Equal(clock.GetUtcNow(), mails[0].At);
        var retried = File.ReadAllText(Assert.Single(eml, file => File.ReadAllText(file).Contains("Second try", StringComparison.Ordinal)));
        Assert.Contains("X-EcCrm-idempotency_key: enr-1:email-1:1", retried, StringComparison.Ordinal);
    }

    private static EmailMessage Message(string key, string subject) => new()
    {
        ToAddress = "aiko@example.jp",
        FromAddress = "news@test-shop.example.com",
        FromName = "Test Shop",
        Subject = subject,
        Html = $"<p>{subject}</p>",
        Text = subject,
        CustomArgs = new Dictionary<string, string> { ["idempotency_key"] = key },
        IdempotencyKey = key,
    };
}
