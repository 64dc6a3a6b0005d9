namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>The resolved, writable data directory of this instance.</summary>
public sealed class DataDirectory
{
    public const string EnvironmentVariable = "PARTYORG_DATA_DIR";

    private DataDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>The documented default: <c>~/.local/share/PartyOrg.Dashboard</c> on Linux.</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "PartyOrg.Dashboard");

    /// <summary>Creates the directory if needed and proves it can be written to.</summary>
    /// <exception cref="StartupException">The directory cannot be created or written.</exception>
    public static DataDirectory Open(string? configured)
    {
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured);
        var probe = System.IO.Path.Combine(path, $".write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(path);
            System.IO.File.WriteAllText(probe, "ok");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"data directory '{path}' is not usable: {ex.Message}");
        }
        finally
        {
            // A full disk creates the file and then fails to write it: never leave it behind.
            try
            {
                System.IO.File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The directory itself is not usable; said above.
            }
        }

        return new DataDirectory(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}

/// <summary>A problem that stops the app or a command, reported as one line.</summary>
public sealed class StartupException(string message) : Exception(message);
