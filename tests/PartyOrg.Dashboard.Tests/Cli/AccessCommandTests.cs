using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cli;

/// <summary><c>tokens create|list|revoke</c> and <c>users disable|enable|set-password|set-role</c> on both providers.</summary>
public sealed class AccessCommandTests
{
    private const string Email = "robot@test.vn";

    private static async Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase db, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var input = new StringReader(stdin);
        string[] where = db.Settings.Provider == DatabaseProvider.Sqlite
            ? ["--data-dir", db.Directory]
            : ["--data-dir", db.Directory, "--provider", "Postgres", "--connection", db.Settings.ConnectionString];
        var exit = await AdminCommands.RunAsync([.. args, .. where], output, errors, input);
        return (exit, output.ToString(), errors.ToString());
    }

    private static async Task<TestDatabase> WithUserAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var added = await RunAsync(db, "Correct-Horse-42\n", "users", "add", "--email", Email, "--role", "OrgBoard", "--password-stdin");
        Assert.Equal(AdminCommands.Ok, added.Exit);
        return db;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Tokens_CreateListRevoke_ListsWithoutTheSecret_AndRevokes(DatabaseProvider provider)
    {
        await using var db = await WithUserAsync(provider);
        var created = await RunAsync(db, string.Empty, "tokens", "create", "--email", Email, "--name", "nightly export", "--days", "30");
        var secret = created.Out.Trim();

        var listed = await RunAsync(db, string.Empty, "tokens", "list", "--email", Email);

        Assert.Equal(AdminCommands.Ok, listed.Exit);
        var row = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split('\t');
        Assert.Equal(Email, row[1]);
        Assert.Equal("nightly export", row[2]);
        Assert.Equal("active", row[6].Trim());
        Assert.DoesNotContain(secret, listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokens.Hash(secret), listed.Out, StringComparison.Ordinal);
        await using (var context = db.CreateContext())
        {
            var token = await context.ApiTokens.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(TimeSpan.FromDays(30), token.ExpiresAt - token.CreatedAt);
        }

        var revoked = await RunAsync(db, string.Empty, "tokens", "revoke", "--id", row[0]);

        Assert.Equal(AdminCommands.Ok, revoked.Exit);
        Assert.Contains("nightly export", revoked.Out, StringComparison.Ordinal);
        Assert.Equal("revoked", (await RunAsync(db, string.Empty, "tokens", "list")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split('\t')[6].Trim());
        await using (var context = db.CreateContext())
        {
            Assert.Equal(2, await context.AuditLog.CountAsync(e => e.Action == AuditAction.AccessEdit && e.Subject == Email, TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Users_DisableAndEnable_ChangeTheStampAndAreAudited(DatabaseProvider provider)
    {
        await using var db = await WithUserAsync(provider);
        string Stamp()
        {
            using var context = db.CreateContext();
            return context.Users.Single().SecurityStamp!;
        }

        var before = Stamp();

        var disabled = await RunAsync(db, string.Empty, "users", "disable", "--email", Email);

        Assert.Equal(AdminCommands.Ok, disabled.Exit);
        Assert.NotEqual(before, Stamp());
        await using (var context = db.CreateContext())
        {
            Assert.True(UserAdministration.IsDisabled(await context.Users.SingleAsync(TestContext.Current.CancellationToken)));
        }

        Assert.Equal(AdminCommands.Ok, (await RunAsync(db, string.Empty, "users", "enable", "--email", Email)).Exit);
        await using (var context = db.CreateContext())
        {
            Assert.False(UserAdministration.IsDisabled(await context.Users.SingleAsync(TestContext.Current.CancellationToken)));
            Assert.Equal(2, await context.AuditLog.CountAsync(e => e.Action == AuditAction.AccessEdit, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Users_SetPasswordAndSetRole_ChangeTheStamp()
    {
        await using var db = await WithUserAsync(DatabaseProvider.Sqlite);
        string Stamp()
        {
            using var context = db.CreateContext();
            return context.Users.Single().SecurityStamp!;
        }

        var first = Stamp();
        Assert.Equal(AdminCommands.Ok, (await RunAsync(db, "Another-Horse-43\n", "users", "set-password", "--email", Email, "--password-stdin")).Exit);
        var second = Stamp();
        Assert.Equal(AdminCommands.Ok, (await RunAsync(db, string.Empty, "users", "set-role", "--email", Email, "--role", "StandingCommittee")).Exit);

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, Stamp());
    }

    [Fact]
    public async Task Users_ResetTwoFactor_TurnsItOffAndChangesTheStamp()
    {
        await using var db = await WithUserAsync(DatabaseProvider.Sqlite);
        await using (var context = db.CreateContext())
        {
            await context.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true), TestContext.Current.CancellationToken);
        }

        string before;
        await using (var context = db.CreateContext())
        {
            before = (await context.Users.SingleAsync(TestContext.Current.CancellationToken)).SecurityStamp!;
        }

        var (exit, output, _) = await RunAsync(db, string.Empty, "users", "reset-two-factor", "--email", Email);

        Assert.Equal(AdminCommands.Ok, exit);
        Assert.Contains(Email, output, StringComparison.Ordinal);
        await using var after = db.CreateContext();
        var user = await after.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual(before, user.SecurityStamp);
    }

    [Theory]
    [InlineData(AdminCommands.Usage, "--days", "tokens", "create", "--email", Email, "--name", "x", "--days", "0")]
    [InlineData(AdminCommands.Usage, "--days", "tokens", "create", "--email", Email, "--name", "x", "--days", "forever")]
    [InlineData(AdminCommands.Usage, "--id", "tokens", "revoke", "--id", "seven")]
    [InlineData(AdminCommands.Failed, "--id N or --email E --name N", "tokens", "revoke")]
    [InlineData(AdminCommands.Failed, "no unrevoked token with id 999", "tokens", "revoke", "--id", "999")]
    [InlineData(AdminCommands.Failed, "no user with e-mail 'ghost@test.vn'", "users", "disable", "--email", "ghost@test.vn")]
    [InlineData(AdminCommands.Failed, "no user with e-mail 'ghost@test.vn'", "tokens", "list", "--email", "ghost@test.vn")]
    [InlineData(AdminCommands.Failed, "--password-stdin", "users", "set-password", "--email", Email)]
    [InlineData(AdminCommands.Failed, "unknown role 'King'", "users", "set-role", "--email", Email, "--role", "King")]
    public async Task BadInput_IsOneLineAndTheRightExitCode(int expected, string says, params string[] args)
    {
        await using var db = await WithUserAsync(DatabaseProvider.Sqlite);

        var (exit, _, err) = await RunAsync(db, string.Empty, args);

        Assert.Equal(expected, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(says, line, StringComparison.Ordinal);
    }
}
