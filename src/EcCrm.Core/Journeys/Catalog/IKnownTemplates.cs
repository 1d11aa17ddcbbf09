namespace EcCrm.Core.Journeys.Catalog;

/// <summary>The e-mail templates a journey may name.</summary>
public interface IKnownTemplates
{
    Task<IReadOnlySet<string>> IdsAsync(CancellationToken cancellationToken);
}
