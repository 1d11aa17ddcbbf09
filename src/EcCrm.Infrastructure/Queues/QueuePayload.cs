namespace EcCrm.Infrastructure.Queues;

/// <summary>A queue message's body, read from the message itself or from the blob its claim check names (<see cref="BlobName"/>).</summary>
public sealed record QueuePayload(string Body, string? BlobName);
