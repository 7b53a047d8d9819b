using Xunit;

namespace Tracking.Testing;

/// <summary>A test that mounts a tmpfs (<see cref="TmpfsMount"/>): skipped, with the reason, where mounting is not permitted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.CannotMountReason is { } reason)
        {
            Skip = "needs a tmpfs mounted for the test (run as root): " + reason;
        }
    }
}
