namespace Tracking.Deploy.Tests;

/// <summary>deploy/Dockerfile must build the host that docker-compose.yml runs, on the port it maps.</summary>
public sealed class DockerfileTests
{
    private static readonly string Dockerfile = DeployFiles.Read("Dockerfile");

    [Fact]
    public void It_publishes_the_host_and_runs_it()
    {
        Assert.Contains("dotnet publish src/Tracking.Host/Tracking.Host.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Tracking.Host.dll\"]", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_image_is_the_aspnet_image_of_the_sdk_it_builds_with()
    {
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void It_listens_on_the_port_the_compose_file_maps()
    {
        Assert.Contains("ASPNETCORE_URLS=http://0.0.0.0:8080", Dockerfile, StringComparison.Ordinal);
        var compose = ComposeFile.Load(DeployFiles.PathOf("docker-compose.yml"));
        foreach (var service in compose.HostServices)
        {
            var ports = (List<object>)compose.Services[service]["ports"];
            Assert.All(ports, p => Assert.EndsWith(":8080", p.ToString(), StringComparison.Ordinal));
        }
    }
}
