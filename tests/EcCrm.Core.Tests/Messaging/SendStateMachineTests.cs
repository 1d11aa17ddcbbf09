using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>Every status against every transition: what the send ledger writes, keeps or refuses.</summary>
public class SendStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);
    private static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");

    public static TheoryData<SendStatus?, string, string> Table => new()
    {
        // from, transition, then: a status written, "keep" or "refuse"
        { null, "claim", "Claimed" },
        { SendStatus.Released, "claim", "Claimed" },
        { SendStatus.Deferred, "claim", "Claimed" },
        { SendStatus.Claimed, "claim", "refuse" },
        { SendStatus.Accepted, "claim", "refuse" },
        { SendStatus.Unconfirmed, "claim", "refuse" },
        { SendStatus.Rejected, "claim", "refuse" },

        { SendStatus.Claimed, "accept", "Accepted" },
        { SendStatus.Unconfirmed, "accept", "Accepted" },
        { SendStatus.Accepted, "accept", "keep" },
        { null, "accept", "refuse" },
        { SendStatus.Released, "accept", "refuse" },
        { SendStatus.Deferred, "accept", "refuse" },

        { SendStatus.Claimed, "unconfirm", "Unconfirmed" },
        { SendStatus.Unconfirmed, "unconfirm", "keep" },
        { SendStatus.Accepted, "unconfirm", "keep" },
        { SendStatus.Rejected, "unconfirm", "keep" },
        { null, "unconfirm", "refuse" },
        { SendStatus.Released, "unconfirm", "refuse" },

        { SendStatus.Claimed, "defer", "Deferred" },
        { SendStatus.Deferred, "defer", "keep" },
        { SendStatus.Accepted, "defer", "refuse" },
        { SendStatus.Unconfirmed, "defer", "refuse" },

        { SendStatus.Claimed, "release", "Released" },
        { SendStatus.Released, "release", "keep" },
        { SendStatus.Accepted, "release", "refuse" },
        { SendStatus.Unconfirmed, "release", "refuse" },

        { SendStatus.Claimed, "reject", "Rejected" },
        { SendStatus.Unconfirmed, "reject", "Rejected" },
        { SendStatus.Rejected, "reject", "keep" },
        { SendStatus.Accepted, "reject", "refuse" },

        { null, "delivered", "refuse" },
        { SendStatus.Claimed, "delivered", "Accepted" },
        { SendStatus.Unconfirmed, "delivered", "Accepted" },
        { SendStatus.Deferred, "delivered", "Accepted" },
        { SendStatus.Released, "delivered", "Accepted" },
        { SendStatus.Accepted, "delivered", "Accepted" },
        { SendStatus.Unconfirmed, "processed", "Accepted" },
        { SendStatus.Unconfirmed, "bounce", "Accepted" },
        { SendStatus.Unconfirmed, "dropped", "Rejected" },
        { SendStatus.Accepted, "dropped", "Rejected" },
        { SendStatus.Accepted, "processed", "keep" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EachStatusAnswersEachTransitionAsTheLedgerDefines(SendStatus? from, string transition, string then)
    {
        var current = from is { } status ? Row(status) : null;

        var step = SendStateMachine.Next(current, Transition(transition));

        switch (then)
        {
            case "keep":
                Assert.IsType<SendStep.Keep>(step);
                break;
            case "refuse":
                Assert.IsType<SendStep.Refuse>(step);
                break;
            default:
                var written = Assert.IsType<SendStep.Write>(step).Next;
                Assert.Equal(Enum.Parse<SendStatus>(then), written.Status);
                Assert.Equal(current?.Version, written.Version); // replaced only at the version read; added when there was none
                break;
        }
    }

    [Fact]
    public void OnlyDeferredAndReleasedSendsCanBeClaimedAgainAndOnlyThoseNeverSentStayOutOfTheCap()
    {
        Assert.Equal([SendStatus.Deferred, SendStatus.Released], Enum.GetValues<SendStatus>().Where(SendStateMachine.IsClaimable));
        Assert.Equal([SendStatus.Claimed, SendStatus.Accepted, SendStatus.Unconfirmed], Enum.GetValues<SendStatus>().Where(SendStateMachine.MayHaveBeenSent));
    }

    [Fact]
    public void ASecondClaimKeepsTheFirstClaimTimeAndWhatTheProviderReportedAndCountsTheAttempt()
    {
        var deferred = Row(SendStatus.Deferred) with { Attempts = 1, FailureReason = "429", OpenedAt = T0 };
        var attempt = Row(SendStatus.Claimed) with { QueuedAt = T0.AddHours(1), ClaimedAt = T0.AddHours(1), Version = null };

        var next = Assert.IsType<SendStep.Write>(SendStateMachine.Next(deferred, new SendTransition.Claim(attempt))).Next;

        Assert.Equal((SendStatus.Claimed, T0, T0.AddHours(1), 2), (next.Status, next.QueuedAt, next.ClaimedAt!.Value, next.Attempts));
        Assert.Null(next.FailureReason);
        Assert.Equal(T0, next.OpenedAt);
        Assert.Equal(deferred.Version, next.Version);
    }

    [Fact]
    public void TheProvidersAnswerAfterItsEventKeepsWhatTheEventReportedAndAddsTheMessageId()
    {
        var confirmedByEvent = Row(SendStatus.Accepted) with { SentAt = null, ProviderMessageId = null, DeliveredAt = T0.AddSeconds(5) };

        var next = Assert.IsType<SendStep.Write>(SendStateMachine.Next(confirmedByEvent, new SendTransition.Accept(T0.AddSeconds(9), "sg-1"))).Next;

        Assert.Equal((SendStatus.Accepted, "sg-1", T0.AddSeconds(9), T0.AddSeconds(5)), (next.Status, next.ProviderMessageId, next.SentAt!.Value, next.DeliveredAt!.Value));
    }

    [Fact]
    public void AnEventConfirmsAnUnconfirmedSendAndClearsWhyItWasUnknown()
    {
        var unconfirmed = Row(SendStatus.Unconfirmed) with { FailureReason = "SendGrid did not answer within 00:00:30" };

        var next = Assert.IsType<SendStep.Write>(SendStateMachine.Next(unconfirmed, Transition("delivered"))).Next;

        Assert.Equal(SendStatus.Accepted, next.Status);
        Assert.Null(next.FailureReason);
        Assert.Equal(T0.AddMinutes(1), next.DeliveredAt);
    }

    private static SendRecord Row(SendStatus status) => new()
    {
        Customer = Customer,
        IdempotencyKey = "enr-1:email-1:1",
        Status = status,
        QueuedAt = T0,
        ClaimedAt = T0,
        Attempts = 1,
        SentAt = status == SendStatus.Accepted ? T0 : null,
        ProviderMessageId = status == SendStatus.Accepted ? "sg-1" : null,
        Version = "W/\"datetime'2026-11-23T03%3A00%3A00Z'\"",
    };

    private static SendTransition Transition(string name) => name switch
    {
        "claim" => new SendTransition.Claim(Row(SendStatus.Claimed) with { Version = null }),
        "accept" => new SendTransition.Accept(T0.AddSeconds(1), "sg-1"),
        "unconfirm" => new SendTransition.Unconfirm("timeout"),
        "defer" => new SendTransition.Defer("429"),
        "release" => new SendTransition.Release("no connection"),
        "reject" => new SendTransition.Reject("400: bad address"),
        _ => new SendTransition.Observe(new ProviderEvent
        {
            Type = Enum.Parse<ProviderEventType>(name, ignoreCase: true),
            Email = "aiko@example.jp",
            At = T0.AddMinutes(1),
            Reason = name == "dropped" ? "Bounced Address" : null,
        }),
    };
}
