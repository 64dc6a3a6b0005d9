using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Infrastructure.KeyRing;

public static class KeyRingServiceCollectionExtensions
{
    public const string ApplicationName = "PartyOrg.Dashboard";

    /// <summary>
    /// The Data Protection key ring (sign-in cookies, antiforgery tokens) lives in the app's database, so that every node
    /// reads the same keys and a cookie issued by one node is accepted by another. The keys are encrypted with the
    /// certificate of <c>DataProtection:CertificatePath</c> when one is given. Keys an older version kept in the data
    /// directory are copied in at start-up by <see cref="KeyRingStartup"/>.
    /// </summary>
    /// <exception cref="StartupException">The certificate cannot be read.</exception>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        var certificate = LoadCertificate(options);
        if (certificate is not null)
        {
            builder.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton(new KeyRingProtection(certificate?.Thumbprint));
        services.AddSingleton<KeyRingStartup>();
        return services;
    }

    private static X509Certificate2? LoadCertificate(KeyRingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StartupException($"DataProtection:CertificatePath '{options.CertificatePath}' cannot be read: {ex.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new StartupException($"DataProtection:CertificatePath '{options.CertificatePath}' holds no private key: the keys it encrypts could not be read back.");
        }

        return certificate;
    }
}

/// <summary>How the key ring is protected at rest: the certificate's thumbprint, or null when the keys are stored unencrypted.</summary>
public sealed record KeyRingProtection(string? CertificateThumbprint);
