namespace EcCrm.Core.Tracking;

/// <summary>
/// What a customer did in the shop, as the track API (<c>product_viewed</c> …) and the journey language
/// (<c>productViewed</c> …) name it.
/// </summary>
public enum TrackedEventType
{
    ProductViewed,
    AddedToCart,
    CheckoutStarted,
    Searched,
}
