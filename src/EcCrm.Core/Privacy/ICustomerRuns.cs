namespace EcCrm.Core.Privacy;

/// <summary>A customer's journey runs in the engine: stopped and then removed, history included.</summary>
public interface ICustomerRuns
{
    /// <summary>Terminates the run if it still runs and purges it from the engine; <c>false</c> when it could not be purged (yet).</summary>
    Task<bool> StopAndForgetAsync(string enrollmentId, CancellationToken cancellationToken);
}
