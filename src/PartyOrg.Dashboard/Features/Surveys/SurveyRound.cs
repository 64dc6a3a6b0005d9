using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Surveys;

/// <summary>One quarter's survey on the quality of cell meetings, with the questionnaire it used.</summary>
public sealed class SurveyRound : IHasSource
{
    public int Id { get; set; }

    public int QuarterKey { get; set; }

    /// <summary>The questionnaire version, e.g. "2021.1" (see <see cref="Questionnaire"/>).</summary>
    public required string QuestionnaireVersion { get; set; }

    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    public int SourceId { get; set; }
}

/// <summary>
/// One member's anonymous answers. Q1–Q11 hold the codes of <see cref="Questionnaire"/>: 1–5 on the
/// agreement scale, or the yes/no codes; <see cref="Questionnaire.Unknown"/> is "Không rõ";
/// null means unanswered. No member identity is stored.
/// </summary>
public sealed class SurveyResponse : IHasSource
{
    public long Id { get; set; }

    public int RoundId { get; set; }

    /// <summary>The cell the member belongs to.</summary>
    public int UnitId { get; set; }

    public byte? Q1 { get; set; }

    public byte? Q2 { get; set; }

    public byte? Q3 { get; set; }

    public byte? Q4 { get; set; }

    public byte? Q5 { get; set; }

    public byte? Q6 { get; set; }

    public byte? Q7 { get; set; }

    public byte? Q8 { get; set; }

    public byte? Q9 { get; set; }

    public byte? Q10 { get; set; }

    public byte? Q11 { get; set; }

    /// <summary>Question 12, free text suggestions.</summary>
    public string? Suggestion { get; set; }

    public int SourceId { get; set; }

    public byte? Answer(int question) => question switch
    {
        1 => Q1, 2 => Q2, 3 => Q3, 4 => Q4, 5 => Q5, 6 => Q6,
        7 => Q7, 8 => Q8, 9 => Q9, 10 => Q10, 11 => Q11,
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "Questions with answers are 1–11."),
    };
}
