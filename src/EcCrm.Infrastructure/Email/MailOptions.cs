namespace EcCrm.Infrastructure.Email;

/// <summary>Local e-mail (section <c>Mail</c>): with no SendGrid API key, every message is written to <see cref="Sink"/>.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>Folder the mail sink writes <c>.eml</c> and <c>.html</c> files to.</summary>
    public string? Sink { get; set; }

    public string SinkPath => Path.GetFullPath(Sink ?? "mail");
}
