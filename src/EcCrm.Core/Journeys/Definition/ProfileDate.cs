namespace EcCrm.Core.Journeys.Definition;

/// <summary>Dates on a customer profile that a delay can wait for.</summary>
public enum ProfileDate
{
    /// <summary>Last order plus the customer's usual re-order interval; known from the second order on.</summary>
    PredictedNextOrderAt,
    LastOrderAt,
    FirstOrderAt,
}
