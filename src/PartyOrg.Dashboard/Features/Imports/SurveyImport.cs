using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>survey</c>: anonymous responses. They have no natural key (two members may answer alike), so a
/// file is recognised by its SHA-256: a file already imported as a batch that stands is "already stored"
/// as a whole. The quarter's survey round is created when it does not exist.
/// </summary>
internal sealed class SurveyImport(int spoolRows) : ImportHandler(spoolRows)
{
    private ImportSpool<SurveyResponse>? _plan;
    private readonly HashSet<int> _newRounds = [];
    private Dictionary<int, int> _rounds = [];
    private bool _sameFileStored;

    public override ImportKind Kind => ImportKinds.SurveyKind;

    public override async Task PrepareAsync(ImportContext context, string sha256, CancellationToken ct)
    {
        _rounds = await context.Db.SurveyRounds.AsNoTracking().ToDictionaryAsync(r => r.QuarterKey, r => r.Id, ct);
        _sameFileStored = await context.Db.ImportBatches.AnyAsync(
            b => b.Kind == ImportKinds.Survey && b.Sha256 == sha256 && b.Status == ImportBatchStatus.Completed, ct);
    }

    public override Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var code = cells.Code("unit_code");
        var quarter = cells.Quarter("quarter");
        var answers = new byte?[11];
        for (var q = 1; q <= 11; q++)
        {
            var column = $"q{q}";
            if (cells.Integer(column, required: false) is { } value)
            {
                if (value is < 0 or > 255 || !Questionnaire.IsValid(q, (byte)value))
                {
                    cells.Error(column, Questionnaire.Questions[q - 1].Scale switch
                    {
                        AnswerScale.Agreement => "AnswerOutOfAgreementScale",
                        AnswerScale.YesNo => "AnswerOutOfYesNoScale",
                        _ => "AnswerOutOfYesNoNotHeldScale",
                    }, q);
                }
                else
                {
                    answers[q - 1] = (byte)value;
                }
            }
        }

        var suggestion = cells.Text("suggestion", 2000);
        if (quarter is not { } qr)
        {
            return Task.CompletedTask;
        }

        var unit = context.Unit(cells, "unit_code", code, qr.End);
        if (unit is null)
        {
            return Task.CompletedTask;
        }

        if (!unit.IsValidOn(qr.End))
        {
            cells.Error("quarter", "UnitNotValidAtQuarterEnd", unit.Code, qr.ToString());
        }
        else if (unit.VersionOn(qr.End) is { } version && !version.Kind.HoldsMeetings())
        {
            cells.Error("unit_code", "NotACell", unit.Code);
        }

        if (qr.Start > context.Today)
        {
            cells.Error("quarter", "QuarterInFuture", qr.ToString());
        }

        if (cells.HasErrors)
        {
            return Task.CompletedTask;
        }

        if (_sameFileStored)
        {
            AlreadyStored++;
            return Task.CompletedTask;
        }

        (_plan ??= NewSpool<SurveyResponse>()).Add(new SurveyResponse
        {
            RoundId = qr.Key, UnitId = unit.Id, Q1 = answers[0], Q2 = answers[1], Q3 = answers[2], Q4 = answers[3], Q5 = answers[4],
            Q6 = answers[5], Q7 = answers[6], Q8 = answers[7], Q9 = answers[8], Q10 = answers[9], Q11 = answers[10], Suggestion = suggestion,
        });
        if (!_rounds.ContainsKey(qr.Key))
        {
            _newRounds.Add(qr.Key);
        }

        QuarterKeys.Add(qr.Key);
        Added++;
        return Task.CompletedTask;
    }

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        foreach (var key in _newRounds.Order())
        {
            var quarter = Quarter.FromKey(key);
            var round = new SurveyRound
            {
                QuarterKey = key, QuestionnaireVersion = Questionnaire.CurrentVersion, OpensOn = quarter.Start, ClosesOn = quarter.End,
                SourceId = write.SourceId,
            };
            write.Db.SurveyRounds.Add(round);
            await write.Db.SaveChangesAsync(ct);
            _rounds[key] = round.Id;
        }

        await write.LockIdsAsync<SurveyResponse>(ct);
        var id = (await write.Db.SurveyResponses.MaxAsync(r => (long?)r.Id, ct) ?? 0) + 1;
        if (_plan is null)
        {
            return;
        }

        await write.WriteChunkedAsync(_plan, r =>
        {
            r.Id = id++;
            r.RoundId = _rounds[r.RoundId];
            r.SourceId = write.SourceId;
        }, ct);
    }
}
