namespace Tracking.Sdk.AspNetCore;

/// <summary>
/// The tracking client bound to the current request's visitor (scoped): inject it into endpoints and
/// controllers and record events without passing the visitor around.
/// </summary>
public interface IRequestTracker
{
    /// <summary>The current request's visitor (see <see cref="HttpContextTrackingExtensions.GetTrackingVisitor"/>).</summary>
    Visitor Visitor { get; }

    /// <summary>Records a <c>track</c> event for the current visitor.</summary>
    /// <param name="eventName">What happened.</param>
    /// <param name="properties">Details. Not copied.</param>
    /// <returns>True when queued.</returns>
    bool Track(string eventName, IReadOnlyDictionary<string, object?>? properties = null);

    /// <summary>Records a key-path step for the current visitor.</summary>
    /// <param name="keyPath">A declared key path.</param>
    /// <param name="step">One of its steps.</param>
    /// <param name="properties">Details. Not copied.</param>
    /// <returns>True when queued.</returns>
    bool Step(string keyPath, string step, IReadOnlyDictionary<string, object?>? properties = null);

    /// <summary>Records a lead for the current visitor.</summary>
    /// <param name="properties">Details. Not copied.</param>
    /// <returns>True when queued.</returns>
    bool Lead(IReadOnlyDictionary<string, object?>? properties = null);

    /// <summary>Records an <c>identify</c> event for the current visitor (joins the anonymous visitor to the user).</summary>
    /// <param name="traits">User traits. Not copied.</param>
    /// <returns>True when queued.</returns>
    bool Identify(IReadOnlyDictionary<string, object?>? traits = null);

    /// <summary>Records a <c>group</c> event: the current visitor belongs to account <paramref name="groupId"/>.</summary>
    /// <param name="groupId">The account id.</param>
    /// <param name="traits">Account traits (plan, tier...). Not copied.</param>
    /// <returns>True when queued.</returns>
    bool Group(string groupId, IReadOnlyDictionary<string, object?>? traits = null);
}
