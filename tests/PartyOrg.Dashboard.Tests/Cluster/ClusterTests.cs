using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cluster;

/// <summary>
/// Two nodes on one PostgreSQL behind nginx (scripts/cluster.sh): what one node issues or starts, the other honours or
/// finishes. Every wait polls a condition against a deadline.
/// </summary>
public sealed partial class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Browserless() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private void RequireCluster()
    {
        if (cluster.Missing is { } missing)
        {
            Assert.Skip(missing);
        }

        output.WriteLine($"cluster up in {cluster.StartedIn.TotalSeconds:0} s: lb {cluster.Balancer}, nodes {string.Join(", ", cluster.Nodes.Select(n => n.ToString()))}");
    }

    [Fact]
    public async Task SignIn_ThroughNginx_TheCookieIsAcceptedByEachNodeDirectly()
    {
        RequireCluster();
        await cluster.EnsureBothNodesAsync();
        using var client = Browserless();

        var jar = await FormSignIn.SignInAsync(client, cluster.Balancer, DemoAccounts.All[2].Email, DemoAccounts.Password, Ct);

        foreach (var node in cluster.Nodes)
        {
            var direct = FormSignIn.CopyTo(jar, cluster.Balancer, node);
            var home = await FormSignIn.SendAsync(client, direct, new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/")), Ct);
            Assert.True(home.StatusCode == HttpStatusCode.OK, $"{node} answered {(int)home.StatusCode} {home.Headers.Location} to the cookie nginx's node issued");
        }

        // The control: without the cookie the same request is sent to the sign-in page.
        var anonymous = await client.GetAsync(new Uri(cluster.Nodes[1], "/"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task ForwardedProto_SentByTheClient_IsOverwrittenByNginx()
    {
        RequireCluster();
        await cluster.EnsureBothNodesAsync();
        using var client = Browserless();

        // The antiforgery cookie of the sign-in form is Secure exactly when the app believes the request came over
        // HTTPS (redirects are relative paths, so their scheme tells nothing). nginx replaces what the client claims.
        var throughNginx = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Balancer, "/account/login"));
        throughNginx.Headers.Add("X-Forwarded-Proto", "https");
        var viaProxy = await client.SendAsync(throughNginx, Ct);
        // The control: from the proxy's own address (loopback here) the app does believe the header.
        var fromProxyAddress = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Nodes[0], "/account/login"));
        fromProxyAddress.Headers.Add("X-Forwarded-Proto", "https");
        var direct = await client.SendAsync(fromProxyAddress, Ct);

        Assert.False(SecureCookie(viaProxy), "a client's X-Forwarded-Proto came through nginx");
        Assert.True(SecureCookie(direct), "the proxy's own X-Forwarded-Proto was not believed");
    }

    /// <summary>Whether the response's antiforgery cookie is marked Secure (it must set one).</summary>
    private static bool SecureCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), $"{(int)response.StatusCode}: no cookie set");
        var antiforgery = Assert.Single(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        return antiforgery.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Recompute_EnqueuedOnce_RunsOnceAcrossBothNodes()
    {
        RequireCluster();
        await cluster.EnsureBothNodesAsync();
        const string quarter = "2026-Q2";

        var job = await EnqueueRecomputeAsync(quarter);
        var states = await WaitForJobAsync(job, "Succeeded", TimeSpan.FromSeconds(90));

        output.WriteLine($"job {job}: {string.Join(" → ", states.Select(s => $"{s.Name} ({s.Server})"))}");
        Assert.Single(states, s => s.Name == "Processing");
        Assert.Single(states, s => s.Name == "Succeeded");
        Assert.Equal(1, CountRecomputeLines(quarter));
    }

    [Fact]
    public async Task Recompute_NodeKilledMidway_TheOtherNodeFinishesItWithinAMinute()
    {
        RequireCluster();
        await cluster.EnsureBothNodesAsync();
        const string quarter = "2026-Q3";
        var key = 20263;
        // A fact changed: the quarter is stale until a recompute swaps in figures of the new data version.
        await ExecuteAsync($"UPDATE \"QuarterStates\" SET \"DataVersion\" = \"DataVersion\" + 1 WHERE \"QuarterKey\" = {key}");

        var job = await EnqueueRecomputeAsync(quarter);
        var holder = await PollAsync(TimeSpan.FromSeconds(90), async () => LeaseHolder.Parse(await ScalarAsync<string?>($"SELECT \"LeaseOwner\" FROM \"QuarterStates\" WHERE \"QuarterKey\" = {key}")));
        var node = holder.Node == "node1" ? 1 : 2;
        Assert.Equal(cluster.NodeProcessId(node), holder.ProcessId);

        using (var process = Process.GetProcessById(holder.ProcessId))
        {
            process.Kill(); // SIGKILL: no shutdown, the lease and the fetched job are left as they were.
            await process.WaitForExitAsync(Ct);
        }

        var killed = Stopwatch.StartNew();
        await PollAsync(TimeSpan.FromSeconds(120), async () =>
            await ScalarAsync<bool>($"SELECT \"ComputedVersion\" = \"DataVersion\" AND \"LeaseOwner\" IS NULL FROM \"QuarterStates\" WHERE \"QuarterKey\" = {key}") ? true : (bool?)null);
        var finishedIn = killed.Elapsed;
        var states = await WaitForJobAsync(job, "Succeeded", TimeSpan.FromSeconds(30));

        output.WriteLine($"node{node} (pid {holder.ProcessId}) killed mid-recompute; {quarter} fresh again {finishedIn.TotalSeconds:0.0} s later; job {job}: {string.Join(" → ", states.Select(s => $"{s.Name} ({s.Server})"))}");
        Assert.True(finishedIn < TimeSpan.FromSeconds(60), $"the other node finished the recompute {finishedIn.TotalSeconds:0.0} s after the kill, not within a minute");
        Assert.StartsWith($"partyorg-node{3 - node}", states.Last(s => s.Name == "Processing").Server, StringComparison.OrdinalIgnoreCase);
        await cluster.EnsureBothNodesAsync();
    }

    /// <summary>
    /// End to end on the real nodes: two starts together render each owed briefing once. Whether the two catch-ups
    /// overlap here depends on timing (one may end before the other starts, and then finds nothing owed); the overlap
    /// itself, and that the lock is what keeps it to one render, is forced and shown by
    /// <c>BriefingScheduleTests.CatchUp_StartedByTwoNodesTogether_RendersEachBriefingOnce</c>.
    /// </summary>
    [Fact]
    public async Task CatchUp_TwoNodesStartingTogether_RenderEachOwedBriefingOnce()
    {
        RequireCluster();
        await cluster.EnsureBothNodesAsync();
        // The latest due quarter's briefings are owed for the province (TV) and one committee (PH01) only: the others
        // are marked archived (rows without files), so that the test renders two documents, not 42.
        const int quarter = 20263;
        await ExecuteAsync($"""
            DELETE FROM "BriefingFiles" WHERE "BriefingId" IN (SELECT "Id" FROM "Briefings" WHERE "QuarterKey" = {quarter});
            DELETE FROM "Briefings" WHERE "QuarterKey" = {quarter};
            INSERT INTO "Briefings" ("QuarterKey", "ScopeUnitId", "ScopeCode", "ScopeName", "Culture", "DataVersion", "ComputedAt", "GeneratedAt", "GeneratedBy")
            SELECT {quarter}, "Id", "Code", 'placeholder', 'vi', 0, now(), now(), 'test' FROM "Units" WHERE "Code" NOT IN ('TV', 'PH01')
            """);
        var rendersBefore = CountRenders("2026-Q3");
        var lastJob = await ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM hangfire.job");

        await cluster.RestartBothTogetherAsync(catchUpQuarters: 1);
        // Both nodes enqueued their catch-up at start; wait until both have ended.
        await PollAsync(TimeSpan.FromSeconds(150), async () =>
            await ScalarAsync<long>($"SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%CatchUpAsync%' AND id > {lastJob} AND statename = 'Succeeded'") >= 2 ? true : (bool?)null);

        var renders = CountRenders("2026-Q3") - rendersBefore;
        var archived = await ScalarAsync<long>($"SELECT count(*) FROM \"Briefings\" WHERE \"QuarterKey\" = {quarter} AND \"GeneratedBy\" = 'schedule'");
        output.WriteLine($"catch-up after a start of both nodes together: {renders} render(s), {archived} archived");
        Assert.Equal(2, archived);
        Assert.Equal(2, renders);
    }

    /// <summary>Briefings rendered, in both nodes' logs (the generator logs one line per document archived or found).</summary>
    private int CountRenders(string quarter) =>
        Enumerable.Range(1, 2).Sum(n => Regex.Count(cluster.Log(n), $@"Briefing of {Regex.Escape(quarter)} for \w+ \(vi\)"));

    private async Task<long> EnqueueRecomputeAsync(string quarter)
    {
        var (exit, text) = await cluster.AdminAsync("recompute", "--quarter", quarter);
        Assert.True(exit == 0, $"recompute --quarter {quarter} exited {exit}: {text}");
        return long.Parse(JobId().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs that computed the quarter, in both nodes' logs (the aggregate service logs one line per run).</summary>
    private int CountRecomputeLines(string quarter) =>
        Enumerable.Range(1, 2).Sum(n => Regex.Count(cluster.Log(n), $@"Aggregates of {Regex.Escape(quarter)}: \d+ rows"));

    private async Task<List<(string Name, string Server)>> WaitForJobAsync(long job, string state, TimeSpan timeout)
    {
        await PollAsync(timeout, async () => await ScalarAsync<string?>($"SELECT statename FROM hangfire.job WHERE id = {job}") == state ? true : (bool?)null);
        var states = new List<(string, string)>();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT name, coalesce(data::json->>'ServerId', '') FROM hangfire.state WHERE jobid = {job} ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            states.Add((reader.GetString(0), reader.GetString(1)));
        }

        return states;
    }

    private static async Task<T> PollAsync<T>(TimeSpan timeout, Func<Task<T?>> probe)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(deadline.Elapsed < timeout, $"the condition did not hold within {timeout.TotalSeconds:0} s");
            await Task.Delay(200, Ct);
        }
    }

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(Ct);
        return value is null or DBNull ? default : (T)value;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    [GeneratedRegex(@"as job (\d+)")]
    private static partial Regex JobId();
}
