using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Security;

/// <summary>
/// The dashboard's login: a person types the API key once and gets an HttpOnly, SameSite=Strict cookie holding an
/// HMAC derived from the key (never the key itself). Changing the API key signs everybody out.
/// </summary>
public sealed class DashboardSession(IOptions<ApiOptions> options)
{
    public const string CookieName = "eccrm_session";

    public bool IsSignedIn(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value ?? string.Empty), Encoding.ASCII.GetBytes(Token()));

    /// <summary>Signs in when <paramref name="apiKey"/> is the API key; <c>false</c> otherwise.</summary>
    public bool TrySignIn(HttpContext context, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || !ApiKeyFilter.Matches(apiKey, options.Value.Key!))
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, Token(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromHours(12),
        });
        return true;
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    private string Token() =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key!), "eccrm-dashboard-session-v1"u8))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
