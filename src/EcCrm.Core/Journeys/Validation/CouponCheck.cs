using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// Warns when a send node's template uses <c>coupon</c> but a customer can reach the node without passing a
/// <c>createCoupon</c> action: the coupon is nil there, and its code, discount and date render empty ("valid until ."). A
/// warning, not an error: a template may test <c>{% if coupon %}</c> and be meant for both paths.
/// </summary>
public static class CouponCheck
{
    /// <summary>The variable a template reads the journey's coupon from.</summary>
    public const string CouponVariable = "coupon";

    public static async Task<IReadOnlyList<JourneyError>> WarningsAsync(JourneyDefinition journey, IKnownTemplates templates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(templates);
        var warnings = new List<JourneyError>();
        var usesCoupon = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (journey.Nodes[i] is not SendNode send || !ReachableWithoutCoupon(journey, send.Id))
            {
                continue;
            }

            if (!usesCoupon.TryGetValue(send.Template, out var uses))
            {
                uses = usesCoupon[send.Template] = (await templates.VariablesAsync(send.Template, cancellationToken).ConfigureAwait(false)).Contains(CouponVariable);
            }

            if (uses)
            {
                warnings.Add(CouponBefore(journey, send.Id) is null
                    ? new JourneyError($"$.nodes[{i}].template", $"Template \"{send.Template}\" uses the coupon, but no node before \"{send.Id}\" creates one, so its code and terms render empty.", $"Add a createCoupon action before \"{send.Id}\", or take the coupon out of the template.")
                    : new JourneyError($"$.nodes[{i}].template", $"Template \"{send.Template}\" uses the coupon, but a customer can reach \"{send.Id}\" without passing a createCoupon action, and then its code and terms render empty.", $"Create the coupon on every path to \"{send.Id}\", or write {{% if coupon %}} around it in the template."));
            }
        }

        return warnings;
    }

    /// <summary>The first createCoupon action (in the order of <c>$.nodes</c>) on some path from the start to <paramref name="nodeId"/>.</summary>
    public static (ActionNode Node, CreateCouponAction Coupon)? CouponBefore(JourneyDefinition journey, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var fromStart = Reachable(journey, [journey.Start], stopAtCoupons: false);
        foreach (var node in journey.Nodes)
        {
            if (node is ActionNode { Action: CreateCouponAction coupon } action && fromStart.Contains(action.Id)
                && Reachable(journey, action.Successors.OfType<string>(), stopAtCoupons: false).Contains(nodeId))
            {
                return (action, coupon);
            }
        }

        return null;
    }

    /// <summary>Whether some path from the start reaches <paramref name="nodeId"/> without passing a createCoupon action.</summary>
    public static bool ReachableWithoutCoupon(JourneyDefinition journey, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return Reachable(journey, [journey.Start], stopAtCoupons: true).Contains(nodeId);
    }

    private static HashSet<string> Reachable(JourneyDefinition journey, IEnumerable<string> from, bool stopAtCoupons)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(from);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || journey.Node(id) is not { } node || (stopAtCoupons && node is ActionNode { Action: CreateCouponAction }))
            {
                continue;
            }

            foreach (var next in node.Successors.OfType<string>())
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }
}
