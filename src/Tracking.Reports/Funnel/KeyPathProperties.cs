namespace Tracking.Reports.Funnel;

/// <summary>
/// The properties of a key-path step event as the SDK's Step(path, step) sends them (its StepProperties):
/// the event is named as the step; these say which key path and where on it.
/// </summary>
public static class KeyPathProperties
{
    public const string KeyPath = "key_path";
    public const string Step = "step";
    public const string StepIndex = "step_index";
}
