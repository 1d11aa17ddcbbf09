using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Testing;

/// <summary>Customer keys as a host configured with <see cref="TestSettings"/> derives them.</summary>
public static class TestKeys
{
    /// <summary>The hosts' derivations under <see cref="TestSettings.CustomerKeySecret"/>, with the unkeyed keys of old honoured as by default.</summary>
    public static CustomerKeys Keys { get; } = new(CustomerKeyDerivation.Keyed(TestSettings.CustomerKeySecret), CustomerKeyDerivation.Unkeyed);

    public static CustomerKey ForEmail(string email) => Keys.ForEmail(email);

    public static CustomerKey ForSourceCustomer(OrderSource source, string sourceCustomerId) => Keys.ForSourceCustomer(source, sourceCustomerId);

    public static CustomerKey? ForOrder(OrderRecord order) => Keys.ForOrder(order);
}
