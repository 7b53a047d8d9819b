namespace Tracking.Host;

/// <summary>
/// Mutes the generic host's "Hosting failed to start" error until the host has started. Program reports
/// a failed start itself (a port in use as one line, anything else as the unhandled exception it is), so
/// that log would only repeat it with a stack trace in front of the clear message. The same goes for the
/// critical "BackgroundService has thrown" the host logs when a failed start cancels a background service
/// that had not begun yet (.NET runs ExecuteAsync on the thread pool with the stopping token, so the task
/// is cancelled before it runs, and the host, not stopped by StopAsync, takes that for a fault).
/// </summary>
internal sealed class StartupFaultMute
{
    // Microsoft.Extensions.Hosting.Internal.Host logs a failed start at Error (Critical for a background service) under its own type name.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>From here on the host's errors are logged again (failures while running or stopping).</summary>
    public void Started() => _started = true;

    /// <summary>
    /// Adds the mute to every filter rule, so whichever rule the logging configuration picks for a category
    /// still sets its level; an added least-specific rule stands for the global minimum level.
    /// </summary>
    public void ApplyTo(ILoggingBuilder logging) => logging.Services.PostConfigure<LoggerFilterOptions>(options =>
    {
        var rules = options.Rules.Prepend(new LoggerFilterRule(null, null, options.MinLevel, null)).Select(Muted).ToList();
        options.Rules.Clear();
        foreach (var rule in rules)
        {
            options.Rules.Add(rule);
        }
    });

    private LoggerFilterRule Muted(LoggerFilterRule rule) => new(
        rule.ProviderName,
        rule.CategoryName,
        rule.LogLevel,
        (provider, category, level) => (rule.Filter?.Invoke(provider, category, level) ?? true) && Allows(category, level));

    private bool Allows(string? category, LogLevel level) =>
        _started || level < LogLevel.Error || !string.Equals(category, HostCategory, StringComparison.Ordinal);
}
