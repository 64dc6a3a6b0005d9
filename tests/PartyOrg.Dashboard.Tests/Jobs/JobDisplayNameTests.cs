using System.Reflection;
using Hangfire;
using Hangfire.Common;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings.Archive;

namespace PartyOrg.Dashboard.Tests.Jobs;

/// <summary>The titles Hangfire's dashboard shows for the jobs of one quarter name the quarter, not its key.</summary>
public sealed class JobDisplayNameTests
{
    /// <summary>As Hangfire's dashboard names a job: the method's <see cref="JobDisplayNameAttribute"/>, formatted with the job's arguments.</summary>
    private static string DisplayName(Job job) =>
        job.Method.GetCustomAttribute<JobDisplayNameAttribute>()!.Format(null!, job);

    [Theory]
    [InlineData(20244, "Tính lại số liệu tổng hợp Quý IV/2024")]
    [InlineData(20261, "Tính lại số liệu tổng hợp Quý I/2026")]
    public void Recompute_is_titled_with_the_quarters_name(int quarterKey, string expected)
    {
        var job = Job.FromExpression<AggregateJobs>(j => j.RecomputeAsync(quarterKey, CancellationToken.None));

        Assert.Equal(expected, DisplayName(job));
    }

    [Fact]
    public void Briefing_generation_is_titled_with_the_quarters_name_and_the_unit()
    {
        var job = Job.FromExpression<BriefingJobs>(j => j.GenerateAsync(20253, "TC", "vi-VN", "admin@test", CancellationToken.None));

        Assert.Equal("Lập báo cáo Quý III/2025 cho TC", DisplayName(job));
    }

    [Fact]
    public void Jobs_without_a_quarter_keep_their_plain_titles()
    {
        Assert.Equal("Tính lại toàn bộ số liệu tổng hợp", DisplayName(Job.FromExpression<AggregateJobs>(j => j.RebuildAllAsync(CancellationToken.None))));
    }
}
