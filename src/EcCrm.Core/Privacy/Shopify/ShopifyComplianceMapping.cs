using EcCrm.Core.Json;

namespace EcCrm.Core.Privacy.Shopify;

/// <summary>A compliance payload read: the request, or every problem found at its JSON path.</summary>
public sealed record ShopifyComplianceMapping(ShopifyComplianceRequest? Request, IReadOnlyList<PayloadError> Errors);
