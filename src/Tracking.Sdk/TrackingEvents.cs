namespace Tracking.Sdk;

/// <summary>Event names with a meaning in Tracking's reports.</summary>
public static class TrackingEvents
{
    /// <summary>A visitor left contact details: counts toward the lead-capture rate.</summary>
    public const string Lead = "lead";
}
