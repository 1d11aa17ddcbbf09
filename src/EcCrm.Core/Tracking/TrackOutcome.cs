using EcCrm.Core.Json;

namespace EcCrm.Core.Tracking;

/// <summary>What became of a request to the track API or a checkout webhook. Both hosts map these to the same HTTP answers.</summary>
public abstract record TrackOutcome
{
    private TrackOutcome()
    {
    }

    /// <summary>Read and queued (202).</summary>
    public sealed record Accepted(int Events) : TrackOutcome;

    /// <summary>Authentic, but nothing to act on, such as a completed checkout (200).</summary>
    public sealed record Ignored(string Reason) : TrackOutcome;

    /// <summary>No valid signature, API key or write key (401). Nothing was read.</summary>
    public sealed record Unauthorized(string Reason) : TrackOutcome;

    /// <summary>The body is not events EcCrm can read (400), with every mistake and its JSON path. Nothing was queued.</summary>
    public sealed record Invalid(IReadOnlyList<PayloadError> Errors) : TrackOutcome;

    /// <summary>The source is not set up (404).</summary>
    public sealed record NotConfigured(string Reason) : TrackOutcome;

    /// <summary>The body is larger than <c>Webhooks:MaxBodyBytes</c> (413).</summary>
    public sealed record TooLarge(long LimitBytes) : TrackOutcome;
}
