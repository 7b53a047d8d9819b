namespace Tracking.Host.Admin;

/// <summary>Which projects exist, for the admin endpoints' 404 (the project store, <see cref="Keys.ProjectStore"/>).</summary>
public interface IProjectDirectory
{
    bool Exists(string id);
}
