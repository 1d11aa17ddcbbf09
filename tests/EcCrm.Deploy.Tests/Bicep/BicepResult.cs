namespace EcCrm.Deploy.Tests.Bicep;

/// <summary>What one run of the Bicep CLI printed.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Warnings and errors: Bicep writes them to standard error, one per line.</summary>
    public string Diagnostics => StandardError.Trim();

    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}{StandardError}{Environment.NewLine}{StandardOutput}";
}
