using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Security;

/// <summary>
/// The dashboard's login: a person types the API key once and gets an HttpOnly, SameSite=Strict cookie holding a
/// session of its own, <c>v2.{issued at}.{expires at}.{random id}.{signature}</c> (times in Unix seconds). The signature
/// is an HMAC-SHA256 under a key derived from the API key (never the key itself), checked in constant time; the expiry
/// is checked here, whatever the browser keeps. Changing the API key changes the signing key, so it signs everybody out.
/// </summary>
public sealed class DashboardSession(IOptions<ApiOptions> options, TimeProvider time)
{
    public const string CookieName = "eccrm_session";

    private const string Version = "v2";
    private const int IdBytes = 16;

    /// <summary>How far a session's issue time may lie ahead of this clock (another instance's clock running ahead).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public bool IsSignedIn(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && Check(value) == DashboardSessionCheck.Valid;

    /// <summary>Signs in when <paramref name="apiKey"/> is the API key; <c>false</c> otherwise.</summary>
    public bool TrySignIn(HttpContext context, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || !ApiKeyFilter.Matches(apiKey, options.Value.Key!))
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, Issue(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = options.Value.SessionLifetime,
        });
        return true;
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    /// <summary>A new session, valid for <see cref="ApiOptions.SessionLifetime"/> from now.</summary>
    public string Issue()
    {
        var now = time.GetUtcNow();
        var payload = string.Join(
            '.',
            Version,
            now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            (now + options.Value.SessionLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(IdBytes)));
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>Whether a cookie value is a session this Server issued under the current API key, and still current.</summary>
    public DashboardSessionCheck Check(string? value)
    {
        var text = value ?? string.Empty;
        var parts = text.Split('.');
        if (parts is not [Version, var issuedText, var expiresText, var id, var signatureText]
            || !long.TryParse(issuedText, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt)
            || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || id.Length == 0)
        {
            return DashboardSessionCheck.Malformed;
        }

        if (!Base64Url.IsValid(signatureText, out var length) || length != HMACSHA256.HashSizeInBytes)
        {
            return DashboardSessionCheck.Malformed;
        }

        if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(signatureText), Sign(text[..text.LastIndexOf('.')])))
        {
            return DashboardSessionCheck.BadSignature;
        }

        // Both limits: the expiry it was issued with, and the lifetime set now (shortening the setting shortens live sessions).
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (long)options.Value.SessionLifetime.TotalSeconds;
        return issuedAt > now + (long)ClockSkew.TotalSeconds || now >= expiresAt || now >= issuedAt + lifetime
            ? DashboardSessionCheck.Expired
            : DashboardSessionCheck.Valid;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(SigningKey(), Encoding.ASCII.GetBytes(payload));

    /// <summary>The signing key: derived from the API key for this one purpose, so a session says nothing about the key.</summary>
    private byte[] SigningKey() => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key!), "eccrm-dashboard-session-signing-key-v2"u8);
}
