using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace PartyOrg.Dashboard.Components.Tests.Infrastructure;

/// <summary>Records the jobs a component enqueues instead of running them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add(job);
        return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
