namespace PartyOrg.Dashboard.Infrastructure.KeyRing;

/// <summary>The <c>DataProtection</c> configuration section: how the shared key ring is protected at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts every key of the ring before it is written to the database.
    /// Without one the keys are stored unencrypted (a warning at start-up on PostgreSQL).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx password: from the environment (<c>DataProtection__CertificatePassword</c>) or user secrets, never appsettings.json.</summary>
    public string? CertificatePassword { get; set; }
}
