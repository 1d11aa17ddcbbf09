namespace EcCrm.Core.Messaging;

/// <summary>A key that signed unsubscribe links, with the id written into each of its links.</summary>
public sealed class UnsubscribeSigningKey
{
    /// <summary>1 to 255; links sent before keys had ids were signed with key 1.</summary>
    public int Id { get; set; }

    public string? Key { get; set; }
}
