using System.Security.Cryptography;
using System.Text;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Profiles;

/// <summary>
/// The stable id of a customer: a hash of their normalised e-mail address (or, for customers without one,
/// of the shop's own customer id), so storage keys and logs never carry a raw address.
/// 32 lowercase hex characters (128 bits of SHA-256): safe as a Table storage key and in URLs.
/// </summary>
public readonly record struct CustomerKey
{
    private CustomerKey(string value) => Value = value;

    public string Value { get; }

    public static CustomerKey FromEmail(string email) => new(Hash("email:" + EmailAddress.Normalize(email)));

    public static CustomerKey FromSourceCustomer(OrderSource source, string sourceCustomerId) =>
        new(Hash($"customer:{source}:{sourceCustomerId.Trim()}"));

    /// <summary>The key an order belongs to, or <c>null</c> for an order that names no customer at all.</summary>
    public static CustomerKey? ForOrder(OrderRecord order) =>
        EmailAddress.IsPlausible(order.Customer.Email) ? FromEmail(order.Customer.Email!)
        : !string.IsNullOrWhiteSpace(order.Customer.SourceCustomerId) ? FromSourceCustomer(order.Source, order.Customer.SourceCustomerId)
        : null;

    /// <summary>Parses a key received from outside (a URL, a storage row), rejecting anything that is not one.</summary>
    public static bool TryParse(string? value, out CustomerKey key)
    {
        key = default;
        if (value is not { Length: 32 } || !value.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        key = new CustomerKey(value);
        return true;
    }

    public static CustomerKey Parse(string value) =>
        TryParse(value, out var key) ? key : throw new FormatException("A customer key is 32 lowercase hex characters.");

    public override string ToString() => Value;

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
