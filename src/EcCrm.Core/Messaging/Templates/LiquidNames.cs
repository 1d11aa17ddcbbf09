using Fluid.Ast;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// Walks a parsed template for the names of the filters it uses, of the partials it includes by a literal name, and of
/// the variables it reads (the first name of each member expression, such as <c>coupon</c> in <c>coupon.code</c>).
/// </summary>
internal sealed class LiquidNames : AstVisitor
{
    public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);

    public List<string> Includes { get; } = [];

    public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        ArgumentNullException.ThrowIfNull(memberExpression);
        if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment identifier)
        {
            Variables.Add(identifier.Identifier);
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        ArgumentNullException.ThrowIfNull(filterExpression);
        Filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        ArgumentNullException.ThrowIfNull(includeStatement);
        if (includeStatement.Path is LiteralExpression literal)
        {
            Includes.Add(literal.Value.ToStringValue());
        }

        return base.VisitIncludeStatement(includeStatement);
    }
}
