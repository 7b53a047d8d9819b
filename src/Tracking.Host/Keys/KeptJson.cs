using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tracking.Host.Keys;

/// <summary>A small JSON file the host keeps in its data folder (keys, passwords), replaced atomically.</summary>
internal static class KeptJson
{
    /// <summary>The file's value, or null when there is none; an unreadable file is an error for the operator.</summary>
    public static T? Read<T>(string path, JsonTypeInfo<T> type, string what)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type);
        }
        catch (JsonException e)
        {
            // Generating new values here would silently cut off every client holding the old ones.
            throw new InvalidOperationException($"{path} is not a {what} file ({e.Message}); restore it, or delete it to generate new {what}", e);
        }
    }

    /// <param name="ownerOnly">Readable by the host's OS user only (mode 0600), set before the content is written.</param>
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type, bool ownerOnly)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, "");
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(temp, JsonSerializer.Serialize(value, type));
        File.Move(temp, path, overwrite: true);
    }
}
