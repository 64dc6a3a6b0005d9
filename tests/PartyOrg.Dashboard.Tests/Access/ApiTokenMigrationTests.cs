using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>Tokens created before tokens expired get 90 days from their creation, on both providers.</summary>
public sealed class ApiTokenMigrationTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task TokenFromBeforeExpiry_ExpiresNinetyDaysAfterItsCreation(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var created = new DateTimeOffset(2026, 5, 20, 9, 30, 15, TimeSpan.Zero);
        await using (var context = db.CreateContext())
        {
            await context.GetService<IMigrator>().MigrateAsync("MeetingOriginSource", ct);
            await context.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "AspNetUsers" ("Id", "UserName", "Email", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ('u1', 'old@test.vn', 'old@test.vn', TRUE, FALSE, FALSE, TRUE, 0)
                """, ct);
            await context.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ApiTokens" ("UserId", "Name", "TokenHash", "CreatedAt") VALUES ('u1', 'old', 'abc', {created})""", ct);
        }

        await new DatabaseMigrator(db.Contexts, db.Settings).MigrateAsync(ct);

        await using var after = db.CreateContext();
        var token = await after.ApiTokens.SingleAsync(ct);
        Assert.Equal(created, token.CreatedAt);
        Assert.Equal(created.AddDays(90), token.ExpiresAt);
        Assert.Null(token.LastUsedAt);
    }
}
