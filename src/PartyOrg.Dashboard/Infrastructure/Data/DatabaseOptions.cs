using System.ComponentModel.DataAnnotations;

namespace PartyOrg.Dashboard.Infrastructure.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: a SQLite file in the data directory.</summary>
    Sqlite = 1,

    /// <summary>The scale-out path: a PostgreSQL server (Npgsql).</summary>
    Postgres = 2,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For PostgreSQL, the Npgsql connection string (required). For SQLite, optional: by default the
    /// database is <c>partyorg.db</c> in the data directory.
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The <c>PartyOrg</c> configuration section: where data lives and how the app starts.</summary>
public sealed class AppOptions
{
    public const string Section = "PartyOrg";

    /// <summary>
    /// The data directory (SQLite databases, archived briefings). Set by <c>--data-dir</c>, the
    /// environment variable <c>PARTYORG_DATA_DIR</c> or <c>PartyOrg:DataDir</c>.
    /// </summary>
    public string? DataDir { get; set; }

    /// <summary>Seed the demo data set on first start (false with <c>--no-demo</c>).</summary>
    public bool SeedDemo { get; set; } = true;

    [Range(1, 1000)]
    public int DemoScale { get; set; } = 1;

    /// <summary>This node's name in leases and the job server's name (default: the machine's name).</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// Serve a database holding demo data (and demo accounts with a published password) on other addresses than
    /// loopback (<c>--allow-demo-on-network</c>); refused at start-up otherwise.
    /// </summary>
    public bool AllowDemoOnNetwork { get; set; }
}
