using EcCrm.Core.Orders;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Profiles;

/// <summary>
/// Derives customer keys: a keyed HMAC of the normalised address (or of the shop's customer id) under
/// <see cref="PrivacyOptions.CustomerKeySecret"/>, so a key in a log or a URL cannot be tied to a known address without
/// the secret. <see cref="Previous"/> are the derivations data may still be keyed by (an earlier secret, or the unkeyed
/// SHA-256 of old), which suppression checks also look at and <c>eccrm customers rekey</c> moves data from.
/// </summary>
public sealed class CustomerKeys
{
    public CustomerKeys(IOptions<PrivacyOptions> options)
        : this(FromOptions(options))
    {
    }

    public CustomerKeys(CustomerKeyDerivation current, params IReadOnlyList<CustomerKeyDerivation> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        Previous = previous;
    }

    private CustomerKeys((CustomerKeyDerivation Current, IReadOnlyList<CustomerKeyDerivation> Previous) derivations)
        : this(derivations.Current, derivations.Previous)
    {
    }

    /// <summary>The derivation every new key is made with.</summary>
    public CustomerKeyDerivation Current { get; }

    /// <summary>Derivations of earlier keys still honoured for suppressions, newest first.</summary>
    public IReadOnlyList<CustomerKeyDerivation> Previous { get; }

    public CustomerKey ForEmail(string email) => Current.ForEmail(email);

    public CustomerKey ForSourceCustomer(OrderSource source, string sourceCustomerId) => Current.ForSourceCustomer(source, sourceCustomerId);

    /// <inheritdoc cref="CustomerKeyDerivation.ForEmailIfAny"/>
    public CustomerKey? ForEmailIfAny(string? email) => Current.ForEmailIfAny(email);

    /// <inheritdoc cref="CustomerKeyDerivation.ForOrder"/>
    public CustomerKey? ForOrder(OrderRecord order) => Current.ForOrder(order);

    /// <summary>The address's key under the current derivation, then under each previous one (without repeats).</summary>
    public IReadOnlyList<CustomerKey> AllForEmail(string email) =>
        [.. new[] { Current }.Concat(Previous).Select(derivation => derivation.ForEmail(email)).Distinct()];

    private static (CustomerKeyDerivation, IReadOnlyList<CustomerKeyDerivation>) FromOptions(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var privacy = options.Value;
        if (privacy.CustomerKeySecret is not { Length: >= CustomerKeyDerivation.MinSecretLength } secret)
        {
            throw new InvalidOperationException(PrivacyOptionsValidator.SecretMissing);
        }

        var previous = privacy.PreviousCustomerKeySecrets
            .Select((old, index) => CustomerKeyDerivation.Keyed(old, $"previous secret {index}"))
            .ToList();
        if (privacy.UnkeyedCustomerKeys)
        {
            previous.Add(CustomerKeyDerivation.Unkeyed);
        }

        return (CustomerKeyDerivation.Keyed(secret, "current secret"), previous);
    }
}
