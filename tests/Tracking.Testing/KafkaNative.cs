using System.Runtime.InteropServices;

namespace Tracking.Testing;

/// <summary>
/// The librdkafka that Confluent.Kafka loaded, located by reading this process's memory map. On
/// bookworm the default runtimes/linux-x64/native/librdkafka.so cannot load (no libsasl2.so.3) and
/// Confluent.Kafka silently falls back to centos8-librdkafka.so; the mock cluster must live in that
/// same copy, so its exports are resolved from the very file mapped here.
/// </summary>
internal static class KafkaNative
{
    private static readonly Lazy<IntPtr> Handle = new(Open);

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Handle.Value, name);

    /// <summary>The path of the loaded librdkafka, for diagnostics.</summary>
    public static string LoadedPath { get; private set; } = "";

    private static IntPtr Open()
    {
        // Makes Confluent.Kafka pick and load its native library now.
        Confluent.Kafka.Library.Load();
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault()
            ?? throw new InvalidOperationException("Confluent.Kafka did not map a librdkafka into this process.");
        LoadedPath = path;

        // dlopen of an already-loaded file returns the same instance: no second copy of librdkafka.
        return NativeLibrary.Load(path);
    }
}
