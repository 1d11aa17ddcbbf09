namespace EcCrm.Core.Storage;

/// <summary>A stored value with the version (ETag) it was read at, for optimistic concurrency.</summary>
public sealed record Versioned<T>(T Value, string Version);
