namespace EcCrm.Core.Journeys.Definition;

/// <summary>Alerts the shop: a signed POST to its alert webhook (<c>ShopAlerts:WebhookUrl</c>), with the run's latest survey answer.</summary>
public sealed record AlertShopAction : JourneyAction;
