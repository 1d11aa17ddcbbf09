namespace EcCrm.Deploy.Tests.Workflows;

/// <summary>One `uses: owner/repo@ref # comment` of a workflow.</summary>
public sealed record ActionReference(string Action, string Ref, string Comment)
{
    public override string ToString() => $"{Action}@{Ref} # {Comment}";
}
