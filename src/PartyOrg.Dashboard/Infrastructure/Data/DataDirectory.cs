namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>
/// The resolved, writable data directory of this instance. It holds the Party's records (the SQLite database and
/// its -wal and -shm files, hangfire.db, the sign-in key ring, uploads waiting for a job), so on Linux and macOS it
/// is private to the account the app runs as: the directory and its subdirectories 700, its files 600.
/// </summary>
public sealed class DataDirectory
{
    public const string EnvironmentVariable = "PARTYORG_DATA_DIR";

    /// <summary>rwx------ for the directory and everything below it that is a directory.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw------- for every file in it.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private DataDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>The documented default: <c>~/.local/share/PartyOrg.Dashboard</c> on Linux.</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "PartyOrg.Dashboard");

    /// <summary>
    /// Creates the directory if needed (700), makes what is already in it private (a directory from an earlier
    /// version may hold files readable by everyone), and proves it can be written to.
    /// </summary>
    /// <exception cref="StartupException">The directory cannot be created or written.</exception>
    public static DataDirectory Open(string? configured)
    {
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured);
        var probe = System.IO.Path.Combine(path, $".write-test-{Environment.ProcessId}");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                // A directory that is already private keeps what is below it private (nobody else can reach it); one
                // from an earlier version, or made by hand, is walked once.
                var earlier = Directory.Exists(path) && System.IO.File.GetUnixFileMode(path) != DirectoryMode;
                Directory.CreateDirectory(path, DirectoryMode);
                if (earlier)
                {
                    MakePrivate(path);
                }
            }

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

    /// <summary>
    /// The path of a file of the directory, created empty and private (600) when missing, so that whatever opens
    /// it later writes into a file nobody else can read. SQLite gives a database's -wal and -shm files the mode of
    /// the database file, so these are private too.
    /// </summary>
    public string PrivateFile(string name)
    {
        var path = File(name);
        if (!OperatingSystem.IsWindows())
        {
            using (new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode }))
            {
            }

            System.IO.File.SetUnixFileMode(path, FileMode);
        }

        return path;
    }

    /// <summary>A new file that only this account can read (600), for a file the app writes into the directory.</summary>
    public static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>The path of a subdirectory, created private (700) when missing.</summary>
    public string PrivateDirectory(string name)
    {
        var path = File(name);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
            System.IO.File.SetUnixFileMode(path, DirectoryMode);
        }

        return path;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakePrivate(string path)
    {
        System.IO.File.SetUnixFileMode(path, DirectoryMode);
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            if (entry.LinkTarget is not null)
            {
                continue; // a link points elsewhere: not ours to change
            }

            entry.UnixFileMode = entry is DirectoryInfo ? DirectoryMode : FileMode;
        }
    }
}

/// <summary>A problem that stops the app or a command, reported as one line.</summary>
public sealed class StartupException(string message) : Exception(message);
