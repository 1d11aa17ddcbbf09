using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>Checks the templates a journey sends, so a broken template is found when the journey is validated, not at send time.</summary>
public static class JourneyTemplates
{
    /// <summary>Each template mistake at the JSON path of the send node that names the template.</summary>
    public static async Task<IReadOnlyList<JourneyError>> ErrorsAsync(JourneyDefinition journey, IKnownTemplates templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(templates);
        var errors = new List<JourneyError>();
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (journey.Nodes[i] is SendNode send)
            {
                foreach (var error in await templates.ValidateAsync(send.Template, cancellationToken).ConfigureAwait(false))
                {
                    errors.Add(new JourneyError($"$.nodes[{i}].template", $"Node \"{send.Id}\" sends template {error}", "Fix the template file in journeys/templates, then validate again."));
                }
            }
        }

        return errors;
    }
}
