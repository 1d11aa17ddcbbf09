using EcCrm.Core.Profiles;
using Microsoft.Extensions.Logging;

namespace EcCrm.Core.Consent;

/// <summary>Reads a customer's consent history, and records a change the shop's own system reports.</summary>
public sealed partial class ConsentRecords(IConsentLedger ledger, IProfileStore profiles, TimeProvider time, ILogger<ConsentRecords> logger)
{
    public const int MaxEvidenceFields = 20;
    public const int MaxTextLength = 500;

    public async Task<ConsentHistory> HistoryAsync(CustomerKey customer, CancellationToken cancellationToken)
    {
        var records = await ledger.ListAsync(customer, cancellationToken).ConfigureAwait(false);
        return new ConsentHistory(customer, ConsentLedger.Current(records), records);
    }

    /// <summary>Records the change; <c>null</c> when no profile of the customer is held (consent of someone unknown proves nothing).</summary>
    /// <exception cref="ArgumentException">The statement is not one (too many or too long fields).</exception>
    public async Task<ConsentHistory?> RecordAsync(CustomerKey customer, ConsentStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var evidence = statement.Evidence ?? new Dictionary<string, string>();
        if (evidence.Count > MaxEvidenceFields || evidence.Any(field => field.Key.Length > MaxTextLength || field.Value.Length > MaxTextLength)
            || (statement.Method?.Length ?? 0) > MaxTextLength || (statement.Reference?.Length ?? 0) > MaxTextLength || (statement.Group?.Length ?? 0) > MaxTextLength)
        {
            throw new ArgumentException($"Evidence holds at most {MaxEvidenceFields} fields, and each text at most {MaxTextLength} characters.", nameof(statement));
        }

        if (await profiles.GetAsync(customer, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var fields = new Dictionary<string, string>(evidence, StringComparer.Ordinal);
        if (statement.Method is { } method)
        {
            fields["method"] = method;
        }

        var record = new ConsentRecord
        {
            Customer = customer,
            At = statement.At ?? now,
            Change = statement.OptIn ? ConsentChange.OptIn : ConsentChange.OptOut,
            Source = ConsentSource.Api,
            Reference = statement.Reference ?? "api",
            Group = statement.Group,
            Evidence = fields,
            RecordedAt = now,
        };
        var added = await ledger.AddAsync([record], cancellationToken).ConfigureAwait(false);
        LogRecorded(logger, customer.Value, record.Change.ToString(), added == 1 ? "recorded" : "held already");
        return await HistoryAsync(customer, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent of customer {Customer} through the API: {Change}, {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string customer, string change, string outcome);
}
