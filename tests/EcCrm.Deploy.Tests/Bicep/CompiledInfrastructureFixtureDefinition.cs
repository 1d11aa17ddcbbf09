namespace EcCrm.Deploy.Tests.Bicep;

[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureFixtureDefinition : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
