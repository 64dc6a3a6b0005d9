using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>
/// A SHA-256 over every fact table, read in primary-key order and written in an invariant text form
/// (ids included). Equal checksums mean equal facts, on either provider: it proves that a seed is
/// reproducible and that a failed import left the database as it was. <see cref="FactSource.CreatedAt"/>
/// is left out: it records when a batch ran, not what it says.
/// </summary>
public static class FactChecksum
{
    public static async Task<string> ComputeAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var hash = new ChecksumWriter();

        hash.Table("FactSources");
        await foreach (var r in db.FactSources.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, Kind = (int)e.Kind, e.Label, e.CreatedBy }).AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.Kind).Text(r.Label).Text(r.CreatedBy).EndRow();
        }

        hash.Table("Units");
        await foreach (var r in db.Units.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Code, e.ValidFrom, e.ValidTo, e.SourceId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Text(r.Code).Date(r.ValidFrom).Date(r.ValidTo).Int(r.SourceId).EndRow();
        }

        hash.Table("UnitVersions");
        await foreach (var r in db.UnitVersions.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.UnitId, e.Name, e.ShortName, Kind = (int)e.Kind, Sector = (int)e.Sector, e.ParentId, e.ValidFrom, e.ValidTo, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.UnitId).Text(r.Name).Text(r.ShortName).Int(r.Kind).Int(r.Sector).Int(r.ParentId)
                .Date(r.ValidFrom).Date(r.ValidTo).Int(r.SourceId).EndRow();
        }

        hash.Table("LineageEvents");
        await foreach (var r in db.LineageEvents.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, Kind = (int)e.Kind, e.EffectiveDate, e.PredecessorId, e.SuccessorId, e.Note, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.Kind).Date(r.EffectiveDate).Int(r.PredecessorId).Int(r.SuccessorId).Text(r.Note).Int(r.SourceId).EndRow();
        }

        hash.Table("Memberships");
        await foreach (var r in db.Memberships.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.UnitId, e.QuarterKey, e.Members, e.Exempt, e.Probationary, e.Women, e.EthnicMinority, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.UnitId).Int(r.QuarterKey).Int(r.Members).Int(r.Exempt).Int(r.Probationary).Int(r.Women)
                .Int(r.EthnicMinority).Int(r.SourceId).EndRow();
        }

        hash.Table("Meetings");
        await foreach (var r in db.Meetings.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.UnitId, e.Date, Kind = (int)e.Kind, Mode = (int)e.Mode, e.DurationMinutes, e.DocumentsAhead, e.UpperLevelAttended,
                e.Expected, e.Present, e.AbsentWithReason, e.AbsentWithoutReason, e.ExemptAttended, e.Speakers, e.Score, e.SourceId,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.UnitId).Date(r.Date).Int(r.Kind).Int(r.Mode).Int(r.DurationMinutes).Bool(r.DocumentsAhead)
                .Bool(r.UpperLevelAttended).Int(r.Expected).Int(r.Present).Int(r.AbsentWithReason).Int(r.AbsentWithoutReason)
                .Int(r.ExemptAttended).Int(r.Speakers).Int(r.Score).Int(r.SourceId).EndRow();
        }

        hash.Table("MeetingAttendance");
        await foreach (var r in db.MeetingAttendance.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.MeetingId, e.MemberCode, Status = (int)e.Status, e.SourceId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.MeetingId).Text(r.MemberCode).Int(r.Status).Int(r.SourceId).EndRow();
        }

        hash.Table("SurveyRounds");
        await foreach (var r in db.SurveyRounds.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.QuarterKey, e.QuestionnaireVersion, e.OpensOn, e.ClosesOn, e.SourceId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.QuarterKey).Text(r.QuestionnaireVersion).Date(r.OpensOn).Date(r.ClosesOn).Int(r.SourceId).EndRow();
        }

        hash.Table("SurveyResponses");
        await foreach (var r in db.SurveyResponses.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.RoundId, e.UnitId, e.Q1, e.Q2, e.Q3, e.Q4, e.Q5, e.Q6, e.Q7, e.Q8, e.Q9, e.Q10, e.Q11, e.Suggestion, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Long(r.Id).Int(r.RoundId).Int(r.UnitId).Int(r.Q1).Int(r.Q2).Int(r.Q3).Int(r.Q4).Int(r.Q5).Int(r.Q6).Int(r.Q7)
                .Int(r.Q8).Int(r.Q9).Int(r.Q10).Int(r.Q11).Text(r.Suggestion).Int(r.SourceId).EndRow();
        }

        hash.Table("Practices");
        await foreach (var r in db.Practices.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Code, e.Name, e.NameEn, e.Description, e.OriginUnitId, e.OriginDate, Target = (int)e.Target, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Text(r.Code).Text(r.Name).Text(r.NameEn).Text(r.Description).Int(r.OriginUnitId).Date(r.OriginDate)
                .Int(r.Target).Int(r.SourceId).EndRow();
        }

        hash.Table("Adoptions");
        await foreach (var r in db.Adoptions.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.PracticeId, e.UnitId, Stage = (int)e.Stage, e.StartedOn, e.EndedOn, e.Notes, e.SourceId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            hash.Int(r.Id).Int(r.PracticeId).Int(r.UnitId).Int(r.Stage).Date(r.StartedOn).Date(r.EndedOn).Text(r.Notes).Int(r.SourceId).EndRow();
        }

        return hash.Finish();
    }

    /// <summary>
    /// Feeds rows to SHA-256 as text: fields separated by '|', rows by '\n', null as '~', strings
    /// length-prefixed (so no content can imitate a separator), numbers and dates invariant.
    /// </summary>
    private sealed class ChecksumWriter : IDisposable
    {
        private const int FlushAt = 32 * 1024;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly StringBuilder _text = new(FlushAt + 4096);

        // A stateful encoder, so that a surrogate pair split between two chunks still encodes as one character.
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetEncoder();
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(FlushAt + 4096));

        public void Table(string name)
        {
            _text.Append('#').Append(name).Append('\n');
        }

        public ChecksumWriter Int(int? value) => value is { } v ? Raw(v.ToString(CultureInfo.InvariantCulture)) : Raw("~");

        public ChecksumWriter Long(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

        public ChecksumWriter Bool(bool value) => Raw(value ? "1" : "0");

        public ChecksumWriter Date(DateOnly? value) =>
            value is { } d ? Raw(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Raw("~");

        public ChecksumWriter Text(string? value)
        {
            if (value is null)
            {
                return Raw("~");
            }

            _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
            return this;
        }

        public void EndRow()
        {
            _text.Append('\n');
            if (_text.Length >= FlushAt)
            {
                Flush(final: false);
            }
        }

        public string Finish()
        {
            Flush(final: true);
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public void Dispose()
        {
            _hash.Dispose();
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        private ChecksumWriter Raw(string value)
        {
            _text.Append(value).Append('|');
            return this;
        }

        private void Flush(bool final)
        {
            foreach (var chunk in _text.GetChunks())
            {
                var needed = Encoding.UTF8.GetMaxByteCount(chunk.Length);
                if (needed > _bytes.Length)
                {
                    ArrayPool<byte>.Shared.Return(_bytes);
                    _bytes = ArrayPool<byte>.Shared.Rent(needed);
                }

                var count = _encoder.GetBytes(chunk.Span, _bytes, flush: false);
                _hash.AppendData(_bytes, 0, count);
            }

            if (final)
            {
                var count = _encoder.GetBytes([], _bytes, flush: true);
                _hash.AppendData(_bytes, 0, count);
            }

            _text.Clear();
        }
    }
}
