namespace EcCrm.Core.Tests.Journeys;

/// <summary>Small journeys written as a marketer would, for the decider tests.</summary>
internal static class Journeys
{
    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A journey with the given nodes (a JSON array body) and the usual entry, exit and goal.</summary>
    public static string With(string nodes, string exit = "[\"orderPlaced\", \"unsubscribed\"]", string goal = "{ \"orderWithinDays\": 30 }", string sendPolicy = "{}", string trigger = "{ \"type\": \"inactivity\", \"days\": 60 }") => $$"""
        {
          "id": "test-journey",
          "version": 1,
          "name": "Test journey",
          "entry": { "trigger": {{trigger}} },
          "exit": {{exit}},
          "goal": {{goal}},
          "sendPolicy": {{sendPolicy}},
          "nodes": [ {{nodes}} ]
        }
        """;

    /// <summary>Send one e-mail, wait three days, send another.</summary>
    public static string TwoEmails { get; } = With("""
        { "id": "email-1", "type": "send", "template": "t1", "next": "wait" },
        { "id": "wait", "type": "delay", "for": "3d", "next": "email-2" },
        { "id": "email-2", "type": "send", "template": "t2" }
        """);
}
