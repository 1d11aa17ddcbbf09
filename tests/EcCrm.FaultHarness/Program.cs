using EcCrm.FaultHarness;

var options = HarnessOptions.Parse(args);
Console.WriteLine($"Fault harness: {options.Customers} customers, {options.Kills} kills of the Server, clock x{options.TimeFactor:0}.");
var report = await FaultHarness.RunAsync(options, Console.Out);
Console.WriteLine(report);
Console.WriteLine(report.Passed ? "PASS: every e-mail sent exactly once and every run finished." : "FAIL");
return report.Passed ? 0 : 1;
