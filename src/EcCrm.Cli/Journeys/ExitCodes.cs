namespace EcCrm.Cli.Journeys;

/// <summary>Exit codes of the journey commands, for CI.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A journey or timeline has mistakes.</summary>
    public const int Invalid = 1;

    /// <summary>A file, folder or journey named on the command line does not exist.</summary>
    public const int NotFound = 2;
}
