using Tracking.Smoke;

// Usage:
//   Tracking.Smoke --check-broker --bootstrap HOST:PORT
//   Tracking.Smoke --bootstrap HOST:PORT --host-dll PATH --work-dir DIR [--sessions N] [--timeout-seconds N]
// Prints one summary line ("smoke-kafka: OK ..." or "smoke-kafka: FAIL ...") and exits non-zero on failure.
var options = SmokeOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Tracking.Smoke --bootstrap HOST:PORT (--check-broker | --host-dll PATH --work-dir DIR) [--sessions N] [--timeout-seconds N]");
    return 2;
}

if (options.CheckBroker)
{
    return await BrokerCheck.RunAsync(options.Bootstrap, options.Timeout);
}

return await SmokeRun.RunAsync(options);
