using Fluid.Ast;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>Walks a parsed template for the names of the filters it uses and of the partials it includes by a literal name.</summary>
internal sealed class LiquidNames : AstVisitor
{
    public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);

    public List<string> Includes { get; } = [];

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
