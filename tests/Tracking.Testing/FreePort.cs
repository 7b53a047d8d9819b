using System.Net;
using System.Net.Sockets;

namespace Tracking.Testing;

public static class FreePort
{
    // The kernel may offer a just-released port again, so a host asking for two ports could get the same
    // one twice and fail to bind the second; every port is handed out once per test process.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now and this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
