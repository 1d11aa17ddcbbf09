namespace EcCrm.Infrastructure.Storage;

/// <summary>Completes once tables and queues exist; listeners wait for it before they poll.</summary>
public sealed class StorageReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => ready.Task;

    public void MarkReady() => ready.TrySetResult();
}
