namespace EcCrm.Core.Profiles;

/// <summary>
/// The stable id of a customer: a keyed HMAC of their normalised e-mail address (or, for customers without one, of the
/// shop's own customer id), derived by <see cref="CustomerKeys"/>, so storage keys and logs never carry a raw address
/// and cannot be tied to one without the secret. 32 lowercase hex characters (128 bits): safe as a Table storage key
/// and in URLs.
/// </summary>
public readonly record struct CustomerKey
{
    private CustomerKey(string value) => Value = value;

    public string Value { get; }

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
}
