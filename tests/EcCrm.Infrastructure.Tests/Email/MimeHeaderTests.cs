using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>Names and subjects are encoded in the message (RFC 2047) and read back decoded, as /dev/mail and the dashboard show them.</summary>
public sealed class MimeHeaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "eccrm-tests-mail", "names-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("=?utf-8?B?5bGx55SwIOiKseWtkA==?= <hanako@example.jp>", "山田 花子 <hanako@example.jp>")]
    [InlineData("=?utf-8?Q?Caf=C3=A9_Kissa?=", "Café Kissa")]
    [InlineData("=?utf-8?B?44CQ?= =?utf-8?B?MTUlT0ZG44CR?=", "【15%OFF】")]
    [InlineData("Plain <a@example.com>", "Plain <a@example.com>")]
    [InlineData("=?x-unknown?B?AAAA?=", "=?x-unknown?B?AAAA?=")]
    public void DecodesEncodedWordsWhereverTheyStand(string header, string expected)
    {
        Assert.Equal(expected, MimeHeader.Decode(header));
    }

    [Fact]
    public async Task AJapaneseCustomersNameIsWrittenFamilyNameFirstEncodedAndReadBackDecoded()
    {
        var options = Options.Create(new MailOptions { Sink = folder });
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("hanako@example.jp")) with { FirstName = "花子", LastName = "山田" };
        var message = new EmailMessage
        {
            ToAddress = "hanako@example.jp",
            ToName = profile.FullName,
            FromAddress = "news@test-shop.example.com",
            FromName = "Test Shop",
            Subject = "【15%OFF】山田様だけの特別クーポンをお届けします",
            Html = "<p>x</p>",
            Text = "x",
            IdempotencyKey = "enr-1:email-2:1",
        };

        await new MailSinkEmailSender(options, new FakeTimeProvider()).SendAsync(message, default);

        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(folder, "*.eml")));
        Assert.Contains("To: =?utf-8?B?", eml, StringComparison.Ordinal);
        var mail = Assert.Single(new MailSink(options).List(10));
        Assert.Equal("山田 花子 <hanako@example.jp>", mail.To);
        Assert.Equal("【15%OFF】山田様だけの特別クーポンをお届けします", mail.Subject);
    }
}
