namespace Tracking.Sdk;

/// <summary>
/// Records events for the Tracking collector. Calls return at once: events are queued and sent in the
/// background. They never throw on delivery problems; they return false when the event was dropped.
/// </summary>
public interface ITrackingClient
{
    /// <summary>Records a <c>track</c> event: something the visitor did.</summary>
    /// <param name="eventName">What happened, for example <c>report_exported</c>.</param>
    /// <param name="visitor">Who did it, in which session and account.</param>
    /// <param name="properties">Details of the event. Not copied: do not change the dictionary after passing it.</param>
    /// <param name="timestamp">When it happened; now when null.</param>
    /// <returns>True when queued; false when dropped (queue full, disposed, or invalid with throwing disabled).</returns>
    bool Track(string eventName, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null);

    /// <summary>Records a <c>page</c> event: the visitor saw a page.</summary>
    /// <param name="page">The page (<c>context.page</c>).</param>
    /// <param name="visitor">Who saw it.</param>
    /// <param name="properties">Details of the event. Not copied.</param>
    /// <param name="timestamp">When; now when null.</param>
    /// <returns>True when queued; false when dropped.</returns>
    bool Page(PageInfo page, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null);

    /// <summary>Records an <c>identify</c> event: who the visitor is and their traits.</summary>
    /// <param name="visitor">The visitor; usually both user id and anonymous id, to join them.</param>
    /// <param name="traits">Traits of the user (email, name, role...). Not copied.</param>
    /// <param name="timestamp">When; now when null.</param>
    /// <returns>True when queued; false when dropped.</returns>
    bool Identify(in Visitor visitor, IReadOnlyDictionary<string, object?>? traits = null, DateTimeOffset? timestamp = null);

    /// <summary>Records a <c>group</c> event: the visitor belongs to a customer account, with the account's traits.</summary>
    /// <param name="groupId">The account id.</param>
    /// <param name="visitor">The visitor.</param>
    /// <param name="traits">Traits of the account (plan, tier, seats...). Not copied.</param>
    /// <param name="timestamp">When; now when null.</param>
    /// <returns>True when queued; false when dropped.</returns>
    bool Group(string groupId, in Visitor visitor, IReadOnlyDictionary<string, object?>? traits = null, DateTimeOffset? timestamp = null);

    /// <summary>Records a lead: a <c>track</c> event named <c>lead</c> (the visitor left contact details).</summary>
    /// <param name="visitor">Who.</param>
    /// <param name="properties">Details (form, source...). Not copied.</param>
    /// <param name="timestamp">When; now when null.</param>
    /// <returns>True when queued; false when dropped.</returns>
    bool Lead(in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null);

    /// <summary>
    /// Records a step on a declared key path: a <c>track</c> event named <paramref name="step"/> with
    /// properties <c>key_path</c>, <c>step</c> and <c>step_index</c> (0-based) added.
    /// </summary>
    /// <param name="keyPath">A key path declared in <see cref="TrackingOptions.KeyPaths"/>.</param>
    /// <param name="step">One of its steps.</param>
    /// <param name="visitor">Who.</param>
    /// <param name="properties">Details. Not copied.</param>
    /// <param name="timestamp">When; now when null.</param>
    /// <returns>True when queued; false when dropped.</returns>
    /// <exception cref="ArgumentException">The key path or step is not declared (when <see cref="TrackingOptions.ThrowOnInvalidEvents"/>).</exception>
    bool Step(string keyPath, string step, in Visitor visitor, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null);

    /// <summary>Waits until every event queued before this call has been answered for by the collector (delivered or dropped).</summary>
    /// <param name="cancellationToken">Stops waiting (the events stay queued).</param>
    /// <returns>A task completing when done.</returns>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Counters since the client was created.</summary>
    /// <returns>A snapshot.</returns>
    TrackingStatistics GetStatistics();
}
