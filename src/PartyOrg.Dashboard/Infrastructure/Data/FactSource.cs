namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>Where a fact came from. Every stored fact points at exactly one source.</summary>
public enum FactSourceKind
{
    /// <summary>The built-in demo data set (seed-demo).</summary>
    Seed = 1,

    /// <summary>An import batch (a CSV or XLSX file).</summary>
    Import = 2,

    /// <summary>A form filled in by hand in the web interface.</summary>
    FormEntry = 3,
}

/// <summary>
/// The provenance of a set of facts: the demo seed, one import batch or one form entry. Undoing an
/// import removes exactly the facts that point at its source.
/// </summary>
public sealed class FactSource
{
    public int Id { get; set; }

    public FactSourceKind Kind { get; set; }

    /// <summary>A human description: file name, form name, "Dữ liệu minh họa".</summary>
    public required string Label { get; set; }

    /// <summary>The user who caused it (e-mail), or null for the system.</summary>
    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Implemented by every fact entity so that provenance is uniform.</summary>
public interface IHasSource
{
    int SourceId { get; set; }
}
