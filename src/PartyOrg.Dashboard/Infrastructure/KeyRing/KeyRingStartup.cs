using Hangfire;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Infrastructure.KeyRing;

/// <summary>
/// Runs after the migrations: copies the keys an older version kept in <c>keys/</c> of the data directory into the
/// database (once: a key already there by name is skipped), so that sign-in cookies issued before the upgrade stay
/// valid; makes the ring's first key under the job storage's lock, so that two nodes starting together on an empty
/// database do not each make their own (each would refuse the other's cookies until it reloads the ring); and warns
/// when the keys of a PostgreSQL database, the several-nodes path, are stored unencrypted.
/// </summary>
public sealed partial class KeyRingStartup(
    IDbContextFactory<AppDbContext> contexts,
    DataDirectory dataDirectory,
    DatabaseSettings settings,
    KeyRingProtection protection,
    IKeyManager keys,
    JobStorage storage,
    TimeProvider time,
    ILogger<KeyRingStartup> logger)
{
    /// <summary>The directory where versions before the database key ring kept their keys.</summary>
    public const string LegacyDirectoryName = "keys";

    /// <summary>The job storage's distributed lock held while a node makes the ring's first key.</summary>
    public const string FirstKeyLock = "partyorg:key-ring";

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await ImportLegacyKeysAsync(cancellationToken);
        EnsureAKey();
        if (protection.CertificateThumbprint is null && settings.Provider == DatabaseProvider.Postgres)
        {
            LogUnprotected(logger, KeyRingOptions.Section);
        }
    }

    private void EnsureAKey()
    {
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock(FirstKeyLock, TimeSpan.FromSeconds(30)))
        {
            if (keys.GetAllKeys().Count == 0)
            {
                var now = time.GetUtcNow();
                keys.CreateNewKey(now, now.AddDays(90));
            }
        }
    }

    /// <returns>How many keys were copied in.</returns>
    public async Task<int> ImportLegacyKeysAsync(CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(dataDirectory.File(LegacyDirectoryName));
        if (!directory.Exists)
        {
            return 0;
        }

        var files = directory.GetFiles("key-*.xml");
        if (files.Length == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            // FileSystemXmlRepository names a key "key-{id}" and the EF Core repository keeps that as the friendly name.
            var name = Path.GetFileNameWithoutExtension(file.Name);
            if (known.Contains(name))
            {
                continue;
            }

            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file.FullName, cancellationToken) });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogImported(logger, added, directory.FullName);
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} Data Protection key(s) from {Directory} into the database; sign-ins made before keep working.")]
    private static partial void LogImported(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection keys (sign-in cookies) are stored UNENCRYPTED in the PostgreSQL database that every node shares: anyone who reads the database can forge sign-ins. Set {Section}:CertificatePath (and the password through the environment) to encrypt them; see the README, Several nodes.")]
    private static partial void LogUnprotected(ILogger logger, string section);
}
