namespace Tracking.Host.Admin;

/// <summary>
/// Which projects exist, for the admin endpoints' 404. The seam the projects work fills with its project
/// store; until then <see cref="DefaultProjectOnly"/> knows the default project alone.
/// </summary>
public interface IProjectDirectory
{
    bool Exists(string id);
}

/// <summary>The one project a single install has today (ProjectKeys.DefaultProject).</summary>
internal sealed class DefaultProjectOnly : IProjectDirectory
{
    public bool Exists(string id) => id == Keys.ProjectKeys.DefaultProject;
}
