using System.Globalization;
using System.Resources;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Meetings;

/// <summary>A meeting as a person or a file states it, before it is stored.</summary>
public sealed record MeetingInput
{
    public required string UnitCode { get; init; }

    public DateOnly Date { get; init; }

    public MeetingKind Kind { get; init; } = MeetingKind.Regular;

    public MeetingMode Mode { get; init; } = MeetingMode.InPerson;

    public int DurationMinutes { get; init; }

    public bool DocumentsAhead { get; init; }

    public bool UpperLevelAttended { get; init; }

    public int Expected { get; init; }

    public int Present { get; init; }

    public int AbsentWithReason { get; init; }

    public int AbsentWithoutReason { get; init; }

    public int ExemptAttended { get; init; }

    public int Speakers { get; init; }

    public int? Score { get; init; }
}

/// <summary>What the rules know of the meeting's unit: its kind and when it existed.</summary>
public sealed record MeetingUnit(string Code, UnitKind Kind, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}

/// <summary>One broken rule: the field (a <see cref="MeetingInput"/> property name) and a message in the UI language.</summary>
public sealed record RuleProblem(string Field, string Message);

/// <summary>
/// The rules a meeting must keep (HD 12-HD/BTCTW counts and the 100-point rating), shared by the
/// meeting form and the meetings import so that both say the same thing about the same mistake.
/// Checks that need the database (duplicates, the user's scope) belong to the callers.
/// </summary>
public static class MeetingRules
{
    /// <summary>The longest plausible sitting.</summary>
    public const int MaxDurationMinutes = 24 * 60;

    private static readonly ResourceManager Text = new(typeof(MeetingRuleText).FullName!, typeof(MeetingRuleText).Assembly);

    /// <param name="meeting">The meeting to check.</param>
    /// <param name="unit">The unit named by <see cref="MeetingInput.UnitCode"/>, or null when no unit has that code.</param>
    /// <param name="today">Today in the province (a meeting cannot be in the future).</param>
    public static IReadOnlyList<RuleProblem> Check(MeetingInput meeting, MeetingUnit? unit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var problems = new List<RuleProblem>();
        void Add(string field, string key, params object?[] args) =>
            problems.Add(new RuleProblem(field, string.Format(CultureInfo.CurrentCulture, Text.GetString(key, CultureInfo.CurrentUICulture) ?? key, args)));

        if (unit is null)
        {
            Add(nameof(MeetingInput.UnitCode), "UnknownUnit", meeting.UnitCode);
        }
        else
        {
            if (!unit.Kind.HoldsMeetings())
            {
                Add(nameof(MeetingInput.UnitCode), "NotACell", unit.Code);
            }

            if (!unit.IsValidOn(meeting.Date))
            {
                Add(nameof(MeetingInput.Date), "OutsideUnitValidity", meeting.Date, unit.Code, unit.ValidFrom, unit.ValidTo?.AddDays(-1));
            }
        }

        if (meeting.Date > today)
        {
            Add(nameof(MeetingInput.Date), "InFuture", meeting.Date);
        }

        if (!Enum.IsDefined(meeting.Kind))
        {
            Add(nameof(MeetingInput.Kind), "UnknownKind", (int)meeting.Kind);
        }

        if (!Enum.IsDefined(meeting.Mode))
        {
            Add(nameof(MeetingInput.Mode), "UnknownMode", (int)meeting.Mode);
        }

        if (meeting.DurationMinutes <= 0)
        {
            Add(nameof(MeetingInput.DurationMinutes), "DurationNotPositive", meeting.DurationMinutes);
        }
        else if (meeting.DurationMinutes > MaxDurationMinutes)
        {
            Add(nameof(MeetingInput.DurationMinutes), "DurationTooLong", meeting.DurationMinutes, MaxDurationMinutes);
        }

        var countsValid = true;
        foreach (var (field, value) in new[]
        {
            (nameof(MeetingInput.Expected), meeting.Expected),
            (nameof(MeetingInput.Present), meeting.Present),
            (nameof(MeetingInput.AbsentWithReason), meeting.AbsentWithReason),
            (nameof(MeetingInput.AbsentWithoutReason), meeting.AbsentWithoutReason),
            (nameof(MeetingInput.ExemptAttended), meeting.ExemptAttended),
            (nameof(MeetingInput.Speakers), meeting.Speakers),
        })
        {
            if (value < 0)
            {
                Add(field, "Negative", value);
                countsValid = false;
            }
        }

        if (countsValid)
        {
            if (meeting.Expected == 0)
            {
                Add(nameof(MeetingInput.Expected), "NoneExpected");
            }
            else if (meeting.Present > meeting.Expected)
            {
                Add(nameof(MeetingInput.Present), "PresentOverExpected", meeting.Present, meeting.Expected);
            }
            else if (meeting.Present + meeting.AbsentWithReason + meeting.AbsentWithoutReason != meeting.Expected)
            {
                Add(nameof(MeetingInput.Expected), "CountsDoNotAddUp", meeting.Present, meeting.AbsentWithReason, meeting.AbsentWithoutReason,
                    meeting.Present + meeting.AbsentWithReason + meeting.AbsentWithoutReason, meeting.Expected);
            }

            if (meeting.ExemptAttended > meeting.Present)
            {
                Add(nameof(MeetingInput.ExemptAttended), "ExemptOverPresent", meeting.ExemptAttended, meeting.Present);
            }

            if (meeting.Speakers > meeting.Present)
            {
                Add(nameof(MeetingInput.Speakers), "SpeakersOverPresent", meeting.Speakers, meeting.Present);
            }
        }

        if (meeting.Score is { } score && score is < 0 or > 100)
        {
            Add(nameof(MeetingInput.Score), "ScoreOutOfRange", score);
        }

        return problems;
    }
}

/// <summary>Marker for <c>MeetingRuleText.resx</c> (Vietnamese) and <c>MeetingRuleText.en.resx</c>.</summary>
public sealed class MeetingRuleText
{
    private MeetingRuleText()
    {
    }
}
