using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.KeyRing;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>The Data Protection key ring lives in the database: every node on it accepts the cookies of the others.</summary>
public sealed class KeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> On(TestDatabase database, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = database.Settings.Provider.ToString(),
            ["Database:ConnectionString"] = database.Settings.ConnectionString,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpStatusCode> HomeStatusAsync(AppFactory app, CookieContainer jar)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await FormSignIn.SendAsync(client, jar, new HttpRequestMessage(HttpMethod.Get, new Uri(app.Server.BaseAddress, "/")), Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task SignInCookie_IssuedByOneNode_IsAcceptedByAnotherOnTheSameDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var nodeA = new AppFactory(settings: On(database, new() { ["PartyOrg:NodeName"] = "node-a" }));
        await using var nodeB = new AppFactory(settings: On(database, new() { ["PartyOrg:NodeName"] = "node-b" }));
        await nodeA.CreateUserWithTokenAsync("board@test.vn", Roles.OrgBoard);
        _ = nodeB.Server;

        var client = nodeA.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = await FormSignIn.SignInAsync(client, nodeA.Server.BaseAddress, "board@test.vn", "Correct-Horse-42", Ct);

        Assert.Equal(HttpStatusCode.OK, await HomeStatusAsync(nodeA, jar));
        Assert.Equal(HttpStatusCode.OK, await HomeStatusAsync(nodeB, jar));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Ct));
    }

    [Fact]
    public async Task SignInCookie_WithoutTheSharedKeyRing_IsRefused()
    {
        // The control: two databases, two key rings — what two nodes with keys in their data directories were.
        await using var first = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var nodeA = new AppFactory(settings: On(first));
        await using var nodeB = new AppFactory(settings: On(second));
        await nodeA.CreateUserWithTokenAsync("board@test.vn", Roles.OrgBoard);
        await nodeB.CreateUserWithTokenAsync("board@test.vn", Roles.OrgBoard);

        var client = nodeA.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = await FormSignIn.SignInAsync(client, nodeA.Server.BaseAddress, "board@test.vn", "Correct-Horse-42", Ct);

        Assert.Equal(HttpStatusCode.Redirect, await HomeStatusAsync(nodeB, jar));
    }

    [Fact]
    public async Task Keys_WithACertificate_AreEncryptedAtRestAndStillRead()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var pfx = Path.Combine(database.Directory, "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=PartyOrg key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "s3cret"), Ct);
        }

        var settings = On(database, new() { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "s3cret" });
        string protectedText;
        await using (var app = new AppFactory(settings: settings))
        {
            protectedText = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        }

        await using (var db = database.CreateContext())
        {
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct));
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        // A restarted node reads the encrypted key back.
        await using var restarted = new AppFactory(settings: settings);
        Assert.Equal("hello", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public async Task Keys_OfAnOlderVersionInTheDataDirectory_AreCopiedInAndStillRead()
    {
        var directory = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var legacy = Path.Combine(directory, KeyRingStartup.LegacyDirectoryName);
        string protectedText;
        // What versions before the database key ring did: keys as files in the data directory.
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(KeyRingServiceCollectionExtensions.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(legacy));
        await using (var old = services.BuildServiceProvider())
        {
            protectedText = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        }

        await using var app = new AppFactory(dataDirectory: directory);
        _ = app.Server;

        Assert.Equal("hello", app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        var startup = app.Services.GetRequiredService<KeyRingStartup>();
        Assert.Equal(0, await startup.ImportLegacyKeysAsync(Ct));
    }
}
