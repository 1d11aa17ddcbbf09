using EcCrm.Core.Json;
using EcCrm.Core.Orders;

namespace EcCrm.Core.Webhooks.Mapping;

/// <summary>Either the canonical order or every problem found in the payload, each with its JSON path.</summary>
public sealed record OrderMappingResult(OrderRecord? Order, IReadOnlyList<PayloadError> Errors)
{
    public bool Succeeded => Order is not null && Errors.Count == 0;

    public static OrderMappingResult From(OrderRecord order, List<PayloadError> errors) =>
        errors.Count == 0 ? new(order, errors) : new(null, errors);

    public static OrderMappingResult Failed(List<PayloadError> errors) => new(null, errors);
}
