namespace EcCrm.Core.Journeys.Definition;

/// <summary>The three groups of the Net Promoter Score: 0–6 detractors, 7–8 passives, 9–10 promoters.</summary>
public enum NpsGroup
{
    Detractor,
    Passive,
    Promoter,
}
