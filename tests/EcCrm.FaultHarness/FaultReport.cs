namespace EcCrm.FaultHarness;

/// <summary>What a harness run saw. A run passes when nothing was duplicated, missed, left unfinished or lost, and the Server never died by itself.</summary>
public sealed record FaultReport(
    int Customers,
    int Kills,
    int Enrollments,
    int EmailsExpected,
    int SentOnce,
    int Duplicated,
    int Missing,
    int Unfinished,
    int ProviderRequests,
    int ProviderFaults,
    int BadRequests,
    int Unhandled500s,
    int MessagesLost,
    int ServerCrashes,
    TimeSpan Elapsed,
    IReadOnlyList<TimeSpan> Recoveries)
{
    public bool Passed => Duplicated == 0 && Missing == 0 && Unfinished == 0 && Unhandled500s == 0 && MessagesLost == 0 && ServerCrashes == 0 && Enrollments == Customers;

    public override string ToString() => string.Join(Environment.NewLine, new (string Label, object Value)[]
    {
        ("customers", Customers),
        ("kills", Kills),
        ("runs", Enrollments),
        ("e-mails expected", EmailsExpected),
        ("sent once", SentOnce),
        ("duplicated", Duplicated),
        ("missing", Missing),
        ("runs unfinished", Unfinished),
        ("provider requests", ProviderRequests),
        ("provider faults", ProviderFaults),
        ("malformed requests sent", BadRequests),
        ("unhandled 500s", Unhandled500s),
        ("messages lost", MessagesLost),
        ("server crashes", ServerCrashes),
        ("work resumed after a kill", Recoveries.Count == 0 ? "-" : FormattableString.Invariant($"within {Recoveries.Max().TotalSeconds:0.0} s (longest of {Recoveries.Count})")),
        ("elapsed", FormattableString.Invariant($"{Elapsed.TotalSeconds:0} s")),
    }.Select(line => FormattableString.Invariant($"{line.Label,-26}{line.Value}")));
}
