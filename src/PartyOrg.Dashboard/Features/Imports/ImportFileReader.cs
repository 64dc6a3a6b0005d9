using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>One data row of a file: its number as the user sees it (header = 1) and its cells in the kind's column order (null = empty).</summary>
public sealed record ImportRow(int Number, string?[] Cells);

/// <summary>
/// Reads an import file row by row (CSV through CsvHelper, XLSX through MiniExcel; neither loads the
/// file whole). Problems of the file as a whole — size, encoding, binary content, header, quoting, the
/// bounds of <see cref="ImportOptions"/> — go into <see cref="ImportProblems"/>; after such a problem
/// <see cref="TryRead"/> returns false. Memory stays bounded whatever the file holds: a CSV record may not
/// outgrow <see cref="MaxRecordBytes"/>, and an XLSX is checked by <see cref="XlsxBounds"/> (uncompressed
/// size, cell length, nesting, rows and columns) before MiniExcel opens it.
/// Cells are trimmed and normalised to NFC; nothing is ever evaluated.
/// </summary>
internal sealed class ImportFileReader : IDisposable
{
    private const int SampleBytes = 64 * 1024;

    private readonly ImportKind _kind;
    private readonly ImportProblems _problems;
    private readonly string _fileName;
    private readonly ImportOptions _limits;
    private CsvReader? _csv;
    private IEnumerator<IDictionary<string, object>>? _xlsx;
    private int[] _map = [];
    private string[] _header = [];
    private int _xlsxRow = 1;
    private int _rows;
    private bool _failed;

    private ImportFileReader(ImportKind kind, ImportProblems problems, string fileName, ImportOptions limits)
    {
        _kind = kind;
        _problems = problems;
        _fileName = fileName;
        _limits = limits;
    }

    public bool Failed => _failed;

    /// <summary>The largest CSV record read: a row of the widest cells at 4 bytes a character in UTF-8, doubled for quotes.</summary>
    private int MaxRecordBytes => (int)Math.Min(int.MaxValue / 4, Math.Max(64 * 1024, (_kind.Columns.Count + 1L) * _limits.MaxCellChars * 8));

    /// <summary>Opens <paramref name="stream"/> (seekable) and reads its header; returns a reader that has failed when the file cannot be read.</summary>
    public static ImportFileReader Open(Stream stream, string fileName, string? sheet, ImportKind kind, ImportProblems problems, ImportOptions limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new ImportFileReader(kind, problems, fileName, limits);
        if (stream.Length > limits.MaxFileBytes)
        {
            reader.Fail("FileTooLarge", stream.Length / 1024.0 / 1024.0, limits.MaxFileBytes / 1024.0 / 1024.0);
            return reader;
        }

        var sample = new byte[(int)Math.Min(SampleBytes, stream.Length)];
        stream.ReadExactly(sample);
        stream.Position = 0;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = sample.Length >= 4 && sample[0] == 'P' && sample[1] == 'K' && sample[2] == 3 && sample[3] == 4;
        if (extension == ".xls")
        {
            reader.Fail("OldExcel");
        }
        else if (extension == ".xlsx" || (isZip && extension != ".csv"))
        {
            reader.OpenXlsx(stream, sheet);
        }
        else if (isZip)
        {
            reader.Fail("SpreadsheetNamedCsv");
        }
        else if (reader.CheckText(stream, sample))
        {
            reader.OpenCsv(stream);
        }

        return reader;
    }

    /// <summary>The next data row (blank rows skipped), or false at the end or after a file-level problem.</summary>
    public bool TryRead(out ImportRow row)
    {
        row = null!;
        if (_failed)
        {
            return false;
        }

        try
        {
            return _csv is not null ? ReadCsv(out row) : _xlsx is not null && ReadXlsx(out row);
        }
        catch (CsvFormatException ex) when (IsRecordTooLarge(ex))
        {
            FailRecordTooLarge(ex);
            return false;
        }
        catch (Exception ex) when (ex is CsvFormatException or InvalidDataException or InvalidOperationException or System.Xml.XmlException or FormatException)
        {
            Fail("Unreadable", ex.Message);
            return false;
        }
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _xlsx?.Dispose();
    }

    private void Fail(string code, params object?[] args)
    {
        _failed = true;
        _problems.Add(0, string.Empty, _fileName, code, args);
    }

    /// <summary>Rejects empty, binary, UTF-16 and non-UTF-8 files before CsvHelper sees them (it would read them as garbage).</summary>
    private bool CheckText(Stream stream, byte[] sample)
    {
        var start = sample.AsSpan();
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }

        if (start.Length == 0 || start.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']) < 0)
        {
            Fail("EmptyFile");
            return false;
        }

        if (sample.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || LooksLikeUtf16(sample))
        {
            Fail("Utf16");
            return false;
        }

        var controls = 0;
        foreach (var b in sample)
        {
            if (b == 0 || (b < 32 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C))
            {
                controls++;
            }
        }

        if (controls > 0)
        {
            Fail("Binary");
            return false;
        }

        // Strict UTF-8 over the whole file, streamed: Windows-1258 and other legacy encodings fail here.
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        var buffer = new byte[SampleBytes];
        var chars = new char[SampleBytes + 4];
        var line = 1;
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                try
                {
                    var count = decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                    line += chars.AsSpan(0, count).Count('\n');
                }
                catch (DecoderFallbackException ex)
                {
                    Fail("NotUtf8", line + LinesBefore(buffer, ex.Index));
                    return false;
                }
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            Fail("NotUtf8", line);
            return false;
        }
        finally
        {
            stream.Position = 0;
        }

        return true;
    }

    private static int LinesBefore(byte[] buffer, int index) => index <= 0 ? 0 : buffer.AsSpan(0, Math.Min(index, buffer.Length)).Count((byte)'\n');

    private static bool LooksLikeUtf16(byte[] sample)
    {
        if (sample.Length < 4)
        {
            return false;
        }

        var zeros = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            zeros += sample[i] == 0 ? 1 : 0;
        }

        return zeros > sample.Length / 4;
    }

    private void OpenCsv(Stream stream)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            OnMalformedRecord = OnMalformed,
            MaxRecordSize = MaxRecordBytes,
        };
        _csv = CsvReader.Create(stream, options, leaveOpen: true);
        try
        {
            _csv.ReadHeader();
        }
        catch (CsvFormatException ex) when (IsRecordTooLarge(ex))
        {
            FailRecordTooLarge(ex);
            return;
        }

        var header = _csv.Headers.ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            if (!CheckCell(1, i, header[i]))
            {
                return;
            }
        }

        MapHeader(header);
    }

    /// <summary>CsvHelper's refusal of a record longer than <see cref="CsvReaderOptions.MaxRecordSize"/> (it has no type of its own).</summary>
    private static bool IsRecordTooLarge(CsvFormatException ex) => ex.Message.Contains(nameof(CsvReaderOptions.MaxRecordSize), StringComparison.Ordinal);

    private void FailRecordTooLarge(CsvFormatException ex) =>
        Fail("RecordTooLarge", ex.LineNumber > 0 ? ex.LineNumber : ex.RecordNumber, MaxRecordBytes / 1024, _limits.MaxCellChars);

    /// <summary>Refuses the file at a cell longer than <see cref="ImportOptions.MaxCellChars"/>, naming its row and column.</summary>
    private bool CheckCell(int row, int index, string? value)
    {
        if (value is null || value.Length <= _limits.MaxCellChars)
        {
            return true;
        }

        var column = index < _header.Length && _header[index].Length > 0 ? _header[index] : $"#{index + 1}";
        _failed = true;
        _problems.Add(row, column, value, "CellTooLong", row, column, value.Length, _limits.MaxCellChars);
        return false;
    }

    private void OnMalformed(CsvMalformedRecord record)
    {
        if (record.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.StrayQuote or CsvMalformedReason.TextAfterClosingQuote)
        {
            var row = (int)(record.LineNumber > 0 ? record.LineNumber : record.RecordNumber);
            _failed = true;
            _problems.Add(row, string.Empty, Shorten(record.RawRecord), record.Reason == CsvMalformedReason.UnterminatedQuote ? "UnterminatedQuote" : "StrayQuote", row);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private bool ReadCsv(out ImportRow row)
    {
        row = null!;
        while (!_failed && _csv!.Read())
        {
            if (_failed)
            {
                return false;
            }

            var record = _csv.Current;
            var cells = new string?[record.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = record.GetString(i);
            }

            if (MakeRow((int)_csv.LineNumber, cells, out row))
            {
                return true;
            }
        }

        return false;
    }

    private void OpenXlsx(Stream stream, string? sheet)
    {
        try
        {
            XlsxBounds.Check(stream, _limits);
            var sheets = stream.GetSheetNames(XlsxConfiguration);
            stream.Position = 0;
            if (sheet is not null && !sheets.Contains(sheet))
            {
                Fail("NoSuchSheet", sheet, string.Join(", ", sheets));
                return;
            }

            var rows = stream.Query(useHeaderRow: false, sheetName: sheet ?? sheets.FirstOrDefault(), excelType: ExcelType.XLSX, configuration: XlsxConfiguration);
            _xlsx = rows.Cast<IDictionary<string, object>>().GetEnumerator();
            if (!_xlsx.MoveNext())
            {
                Fail("EmptyFile");
                return;
            }

            MapHeader([.. _xlsx.Current.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)]);
        }
        catch (ImportBoundException ex)
        {
            Fail(ex.Code, [.. ex.Args]);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NotSupportedException)
        {
            Fail("UnreadableXlsx");
        }
    }

    /// <summary>MiniExcel as the reader needs it: a cell never names another part of the zip to be loaded as bytes.</summary>
    private static OpenXmlConfiguration XlsxConfiguration => new() { EnableConvertByteArray = false, FillMergedCells = false };

    private bool ReadXlsx(out ImportRow row)
    {
        row = null!;
        while (!_failed && _xlsx!.MoveNext())
        {
            _xlsxRow++;
            var values = _xlsx.Current.Values.ToArray();
            var cells = new string?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var type = i < _map.Length && _map[i] >= 0 ? _kind.Columns[_map[i]].Type : ColumnType.Text;
                cells[i] = values[i] switch
                {
                    null => null,
                    string s => s,
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    double d when type == ColumnType.Date && d is > 0 and < 2958466 => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "yes" : "no",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                };
            }

            if (MakeRow(_xlsxRow, cells, out row))
            {
                return true;
            }
        }

        return false;
    }

    private void MapHeader(string[] header)
    {
        _header = [.. header.Select(h => h.Trim().Trim('\uFEFF').Normalize(NormalizationForm.FormC).ToLowerInvariant())];
        while (_header.Length > 0 && _header[^1].Length == 0)
        {
            _header = _header[..^1];
        }

        if (_header.Length == 0)
        {
            Fail("EmptyFile");
            return;
        }

        _map = new int[_header.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var extra = new List<string>();
        for (var i = 0; i < _header.Length; i++)
        {
            var index = -1;
            for (var c = 0; c < _kind.Columns.Count; c++)
            {
                if (_kind.Columns[c].Name == _header[i])
                {
                    index = c;
                }
            }

            if (index < 0 || !seen.Add(_header[i]))
            {
                extra.Add(_header[i].Length == 0 ? $"#{i + 1}" : _header[i]);
            }

            _map[i] = index;
        }

        var missing = _kind.Columns.Where(c => !seen.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            _failed = true;
            _problems.Add(1, string.Join(", ", missing), null, "MissingColumns", string.Join(", ", missing), _kind.Name);
        }

        if (extra.Count > 0)
        {
            _failed = true;
            _problems.Add(1, string.Join(", ", extra), null, "ExtraColumns", string.Join(", ", extra), _kind.Name);
        }
    }

    private bool MakeRow(int number, string?[] raw, out ImportRow row)
    {
        row = null!;
        for (var i = 0; i < raw.Length; i++)
        {
            if (!CheckCell(number, i, raw[i]))
            {
                return false;
            }
        }

        var length = raw.Length;
        while (length > _header.Length && string.IsNullOrWhiteSpace(raw[length - 1]))
        {
            length--;
        }

        if (raw.Take(length).All(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        if (++_rows > _limits.MaxRows)
        {
            Fail("TooManyRows", _limits.MaxRows);
            return false;
        }

        var cells = new string?[_kind.Columns.Count];
        for (var i = 0; i < Math.Min(length, _map.Length); i++)
        {
            if (_map[i] >= 0 && raw[i] is { } value)
            {
                var trimmed = value.Trim();
                cells[_map[i]] = trimmed.Length == 0 ? null : trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
            }
        }

        if (length != _header.Length)
        {
            _problems.Add(number, string.Empty, null, "FieldCount", length, _header.Length);
        }

        row = new ImportRow(number, cells);
        return true;
    }
}
