namespace EcCrm.Infrastructure.Queues;

/// <summary>A message that can never succeed (it cannot be read at all): it goes to the poison queue at once, with this reason.</summary>
public sealed class UnprocessableMessageException : Exception
{
    public UnprocessableMessageException()
    {
    }

    public UnprocessableMessageException(string message)
        : base(message)
    {
    }

    public UnprocessableMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
