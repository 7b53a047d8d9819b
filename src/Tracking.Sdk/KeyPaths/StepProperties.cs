namespace Tracking.Sdk;

/// <summary>
/// The properties a key-path step event carries (see the README's "Key paths"): the event name is
/// the step's name, and these say which path and where on it.
/// </summary>
public static class StepProperties
{
    /// <summary>The key path's name, for example <c>onboarding</c>.</summary>
    public const string KeyPath = "key_path";

    /// <summary>The step's name (equal to the event name), for example <c>invite_sent</c>.</summary>
    public const string Step = "step";

    /// <summary>The step's 0-based position on its key path.</summary>
    public const string StepIndex = "step_index";
}
