using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Profiles;

/// <summary>
/// One way of turning an address (or a shop's own customer id) into a <see cref="CustomerKey"/>: HMAC-SHA256 under a
/// secret (<see cref="Keyed"/>), or the unkeyed SHA-256 that keys were before (<see cref="Unkeyed"/>), kept only to
/// find and move data stored under it. Both give the first 128 bits as 32 lowercase hex characters, so the storage
/// layout and URLs are the same whichever made a key.
/// </summary>
public sealed class CustomerKeyDerivation
{
    /// <summary>The shortest secret accepted: 32 characters, at least 256 bits of text however it was written.</summary>
    public const int MinSecretLength = 32;

    private readonly byte[]? secret;

    private CustomerKeyDerivation(byte[]? secret, string name)
    {
        this.secret = secret;
        Name = name;
    }

    /// <summary>The SHA-256 of the address, without a secret: anyone can compute it. Only to read data stored before keys were keyed.</summary>
    public static CustomerKeyDerivation Unkeyed { get; } = new(null, "unkeyed SHA-256");

    /// <summary>How this derivation is named in reports and messages (never the secret).</summary>
    public string Name { get; }

    public bool IsKeyed => secret is not null;

    /// <summary>HMAC-SHA256 under <paramref name="secret"/> (its UTF-8 bytes), of at least <see cref="MinSecretLength"/> characters.</summary>
    public static CustomerKeyDerivation Keyed(string secret, string name = "keyed")
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"A customer key secret has at least {MinSecretLength} characters.", nameof(secret));
        }

        return new CustomerKeyDerivation(Encoding.UTF8.GetBytes(secret), name);
    }

    public CustomerKey ForEmail(string email) => Derive("email:" + EmailAddress.Normalize(email));

    public CustomerKey ForSourceCustomer(OrderSource source, string sourceCustomerId)
    {
        ArgumentNullException.ThrowIfNull(sourceCustomerId);
        return Derive($"customer:{source}:{sourceCustomerId.Trim()}");
    }

    /// <summary>The key of a plausible address, or <c>null</c> for none.</summary>
    public CustomerKey? ForEmailIfAny(string? email) => EmailAddress.IsPlausible(email) ? ForEmail(email!) : null;

    /// <summary>The key an order belongs to (its address, else the shop's customer id), or <c>null</c> for an order that names no customer at all.</summary>
    public CustomerKey? ForOrder(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return EmailAddress.IsPlausible(order.Customer.Email) ? ForEmail(order.Customer.Email!)
            : !string.IsNullOrWhiteSpace(order.Customer.SourceCustomerId) ? ForSourceCustomer(order.Source, order.Customer.SourceCustomerId)
            : null;
    }

    public override string ToString() => Name;

    private CustomerKey Derive(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = secret is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(secret, bytes);
        return CustomerKey.Parse(Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }
}
