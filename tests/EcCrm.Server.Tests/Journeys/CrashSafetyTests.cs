using EcCrm.FaultHarness;
using Xunit.Abstractions;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// The fault harness at a small size: the real Server, a child process on Azurite, killed with SIGKILL three times while
/// customers go through a three-e-mail journey and one SendGrid request in ten fails (429, 500, taken then no answer,
/// taken then 503), with malformed requests at every endpoint. Every run must finish, every e-mail go out exactly once,
/// no request get a 500 and no message be lost. (The full size, 200 customers and six kills, is in docs/reliability.md.)
/// </summary>
public class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KilledThreeTimesMidJourneyWithAFaultyProviderEveryEmailGoesOutExactlyOnceAndNothingIsLost()
    {
        var log = new StringWriter();
        var report = await FaultHarness.FaultHarness.RunAsync(new HarnessOptions { Customers = 12, Kills = 3, ProviderFaults = 0.1, Timeout = TimeSpan.FromMinutes(5) }, log);
        output.WriteLine(log.ToString());
        output.WriteLine(report.ToString());

        Assert.Equal(12, report.Enrollments);
        Assert.Equal(36, report.EmailsExpected);
        Assert.Equal((36, 0, 0, 0), (report.SentOnce, report.Duplicated, report.Missing, report.Unfinished));
        Assert.Equal((0, 0), (report.Unhandled500s, report.MessagesLost));

        // Work resumes within the engine's message visibility timeout (a minute) after a restart, plus the restart itself.
        Assert.All(report.Recoveries, recovery => Assert.InRange(recovery, TimeSpan.Zero, TimeSpan.FromSeconds(100)));
    }
}
