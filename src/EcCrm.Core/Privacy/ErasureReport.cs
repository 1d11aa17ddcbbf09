using EcCrm.Core.Profiles;

namespace EcCrm.Core.Privacy;

/// <summary>What an erasure removed (counts only: the answer itself holds no personal data).</summary>
public sealed record ErasureReport(
    CustomerKey Customer,
    int Profiles,
    int Orders,
    int LastOrderIndexRows,
    int Enrollments,
    int RunsPurged,
    int RunsNotPurged,
    int SendsStripped,
    int MailCopies,
    int Coupons,
    int SuppressionTombstones)
{
    /// <summary>Exports prepared for the shop (Shopify's <c>customers/data_request</c>) that were deleted.</summary>
    public int PreparedExports { get; init; }

    /// <summary>Rows of tracked shop events (the customer's, and those of the anonymous visitor they turned out to be) that were deleted.</summary>
    public int TrackedEvents { get; init; }

    /// <summary>Survey answers (and their comments) deleted.</summary>
    public int SurveyAnswers { get; init; }

    /// <summary>Consent records kept without their evidence until <see cref="ConsentKeptUntil"/>.</summary>
    public int ConsentRecordsKept { get; init; }

    public int ConsentRecordsDeleted { get; init; }

    /// <summary>A month after the customer's last e-mail, when erasing again deletes the kept consent records.</summary>
    public DateTimeOffset? ConsentKeptUntil { get; init; }
}
