using System.Globalization;

namespace EcCrm.FaultHarness;

/// <summary>How hard the harness pushes: customers, kills of the Server, and the journeys' clock.</summary>
public sealed record HarnessOptions
{
    public int Customers { get; init; } = 200;

    /// <summary>Times the Server is killed (SIGKILL) and started again while the journeys run.</summary>
    public int Kills { get; init; } = 6;

    /// <summary>The share of requests the fake SendGrid answers with a fault: 429, 500, taken-then-no-answer, taken-then-503, in equal parts.</summary>
    public double ProviderFaults { get; init; } = 0.10;

    /// <summary>Simulated seconds per real second: 43,200 is a day every two seconds.</summary>
    public double TimeFactor { get; init; } = 43_200;

    /// <summary>How long to wait for every run to finish before counting the rest as unfinished.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(8);

    public int Seed { get; init; } = 2026;

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--customers" => options with { Customers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--kills" => options with { Kills = int.Parse(value, CultureInfo.InvariantCulture) },
                "--provider-faults" => options with { ProviderFaults = double.Parse(value, CultureInfo.InvariantCulture) },
                "--time-factor" => options with { TimeFactor = double.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout-minutes" => options with { Timeout = TimeSpan.FromMinutes(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --customers N --kills K --provider-faults 0.1 --time-factor F --timeout-minutes M --seed S."),
            };
        }

        return options;
    }
}
