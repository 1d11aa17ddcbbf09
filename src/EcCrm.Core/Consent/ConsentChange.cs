namespace EcCrm.Core.Consent;

/// <summary>What a consent record says happened: the customer agreed to marketing e-mail, or no longer does.</summary>
public enum ConsentChange
{
    OptIn,

    OptOut,
}
