namespace EcCrm.Core.Journeys.Running;

/// <summary>How the embedded runner guards enrollments.</summary>
public sealed class RunnerOptions
{
    public const string SectionName = "Runner";

    /// <summary>How long a process may hold an enrollment while it works on one input; a crashed holder's lease runs out after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>This process's name on the leases it takes (default: machine name and process id).</summary>
    public string? InstanceId { get; set; }
}
