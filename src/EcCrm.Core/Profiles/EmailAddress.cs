namespace EcCrm.Core.Profiles;

/// <summary>How e-mail addresses are compared: trimmed and lower-cased, nothing cleverer.</summary>
public static class EmailAddress
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Something with one <c>@</c> between a non-empty local part and a dotted domain.</summary>
    public static bool IsPlausible(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == trimmed.LastIndexOf('@')
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.')
            && !trimmed.Any(char.IsWhiteSpace);
    }
}
