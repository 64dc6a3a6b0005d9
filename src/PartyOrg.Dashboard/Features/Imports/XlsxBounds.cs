using System.IO.Compression;
using System.Xml;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>A bound an import file breaks: the message's resource key (<c>ImportText</c>) and its arguments.</summary>
internal sealed class ImportBoundException(string code, params object?[] args) : Exception(code)
{
    public string Code { get; } = code;

    public IReadOnlyList<object?> Args { get; } = args;
}

/// <summary>
/// Checks an XLSX before MiniExcel opens it, reading every XML part once through a stream that counts and stops:
/// the parts' uncompressed sizes as declared and as actually read, no value or tag longer than a cell may be,
/// no cell longer than <see cref="ImportOptions.MaxCellChars"/>, XML nested at most <see cref="MaxDepth"/>
/// deep, worksheets within <see cref="ImportOptions.MaxRows"/> rows and <see cref="MaxColumns"/> columns.
/// MiniExcel keeps a whole cell value, an XML element stack and a row as wide as the sheet's widest
/// reference in memory, so each of these is bounded here, where memory does not grow.
/// </summary>
internal static class XlsxBounds
{
    /// <summary>Columns a row may reach (IV, the old Excel limit; an import kind has at most 14).</summary>
    public const int MaxColumns = 256;

    /// <summary>XML nesting (a worksheet cell with rich text is 6 deep).</summary>
    public const int MaxDepth = 32;

    /// <summary>Parts of the zip (a workbook has a dozen or so).</summary>
    public const int MaxParts = 1_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Reads the workbook in <paramref name="stream"/> to its end, then rewinds it.</summary>
    /// <exception cref="ImportBoundException">A bound is broken.</exception>
    /// <exception cref="InvalidDataException">The zip is damaged.</exception>
    public static void Check(Stream stream, ImportOptions limits)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var parts = zip.Entries;
            if (parts.Count > MaxParts)
            {
                throw new ImportBoundException("XlsxTooManyParts", parts.Count, MaxParts);
            }

            var declared = 0L;
            foreach (var part in parts)
            {
                declared += part.Length;
                if (declared > limits.MaxUncompressedBytes)
                {
                    throw new ImportBoundException("XlsxTooLarge", limits.MaxUncompressedBytes / 1024.0 / 1024.0);
                }
            }

            // Each part is read no further than its declared size, so the declared total bounds what is unpacked. Parts
            // that are not XML (pictures) are never read by MiniExcel (it does not load parts into cells here): skipped.
            var maxToken = Math.Max(64 * 1024, limits.MaxCellChars * 8L);
            foreach (var part in parts)
            {
                var name = part.FullName.TrimStart('/');
                if (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    using var content = new BoundedPartStream(part.Open(), name, part.Length, maxToken);
                    Scan(content, name, limits);
                }
            }
        }
        finally
        {
            stream.Position = 0;
        }
    }


    private static void Scan(Stream content, string part, ImportOptions limits)
    {
        var isSheet = part.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);
        var isShared = part.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
        var chunk = new char[4096];
        int rows = 0, row = 0, cells = 0, column = 0, shared = -1;
        string? cell = null;
        long text = 0;
        string Where() =>
            isSheet && cell is not null ? $"{cell} ({part})"
            : isSheet && row > 0 ? $"{row} ({part})"
            : isShared && shared >= 0 ? $"#{shared + 1} ({part})"
            : part;

        using var xml = XmlReader.Create(content, Settings);
        try
        {
            while (xml.Read())
            {
                if (xml.Depth > MaxDepth)
                {
                    throw new ImportBoundException("XlsxTooDeep", MaxDepth, part);
                }

                switch (xml.NodeType)
                {
                    case XmlNodeType.Element when isSheet && xml.LocalName == "row":
                        rows++;
                        row = int.TryParse(xml.GetAttribute("r"), out var r) && r > 0 ? r : row + 1;
                        if (rows > limits.MaxRows + 1 || row > limits.MaxRows + 1)
                        {
                            throw new ImportBoundException("TooManyRows", limits.MaxRows);
                        }

                        (cells, column, cell) = (0, 0, null);
                        break;
                    case XmlNodeType.Element when isSheet && xml.LocalName == "c":
                        cells++;
                        cell = xml.GetAttribute("r");
                        column = ColumnOf(cell) ?? column + 1;
                        if (cells > MaxColumns || column > MaxColumns)
                        {
                            throw new ImportBoundException("XlsxTooManyColumns", MaxColumns, Where());
                        }

                        text = 0;
                        break;
                    case XmlNodeType.Element when isSheet && xml.LocalName == "dimension":
                        var reference = xml.GetAttribute("ref");
                        if (ColumnOf(reference?[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..]) > MaxColumns)
                        {
                            throw new ImportBoundException("XlsxTooManyColumns", MaxColumns, $"{reference} ({part})");
                        }

                        break;
                    case XmlNodeType.Element when isShared && xml.LocalName == "si":
                        shared++;
                        text = 0;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        if (!isSheet && !isShared)
                        {
                            text = 0;
                        }

                        text += Length(xml, chunk);
                        if (text > limits.MaxCellChars)
                        {
                            throw new ImportBoundException("XlsxCellTooLong", limits.MaxCellChars, Where());
                        }

                        break;
                }
            }
        }
        catch (TokenTooLongException)
        {
            throw new ImportBoundException("XlsxCellTooLong", limits.MaxCellChars, Where());
        }
    }

    /// <summary>The length of the current text node, read in chunks (never as one string).</summary>
    private static long Length(XmlReader xml, char[] chunk)
    {
        long length = 0;
        int read;
        while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>The 1-based column of a reference such as <c>AB12</c>, or null without one (capped: a long run of letters is "very far").</summary>
    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                column = Math.Min(column * 26 + (char.ToUpperInvariant(c) - 'A' + 1), int.MaxValue / 32);
            }
            else
            {
                break;
            }
        }

        return column == 0 ? null : column;
    }

    private sealed class TokenTooLongException : Exception
    {
    }

    /// <summary>
    /// One XML part, decompressed: counts its bytes against the part's declared size and stops past it; stops at a
    /// run longer than <c>maxToken</c> bytes between two <c>&lt;</c>
    /// (a text, a tag with its attributes) or a comment or CDATA section that long, so that the XML reader,
    /// which holds one such token whole, stays small.
    /// </summary>
    private sealed class BoundedPartStream(Stream inner, string part, long declared, long maxToken) : Stream
    {
        private const string CommentOpen = "<!--";
        private const string CdataOpen = "<![CDATA[";

        private long _read;
        private long _run;
        private int _comment;
        private int _cdata;
        private int _close;
        private Mode _mode;

        private enum Mode
        {
            Markup,
            Comment,
            Cdata,
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _read += read;
            if (_read > declared)
            {
                throw new ImportBoundException("XlsxSizeMismatch", part, declared);
            }

            Watch(buffer[..read]);

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Watch(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                if (_mode == Mode.Markup && _comment == 0 && _cdata == 0)
                {
                    var next = bytes[i..].IndexOf((byte)'<');
                    if (next < 0)
                    {
                        Count(bytes.Length - i);
                        return;
                    }

                    Count(next);
                    i += next;
                }

                var b = bytes[i++];
                Count(1);
                switch (_mode)
                {
                    case Mode.Markup when b == '<':
                        (_run, _comment, _cdata) = (0, 1, 1);
                        break;
                    case Mode.Markup:
                        _comment = _comment > 0 && b == CommentOpen[_comment] ? _comment + 1 : 0;
                        _cdata = _cdata > 0 && b == CdataOpen[_cdata] ? _cdata + 1 : 0;
                        if (_comment == CommentOpen.Length || _cdata == CdataOpen.Length)
                        {
                            (_mode, _comment, _cdata, _close) = (_comment > 0 ? Mode.Comment : Mode.Cdata, 0, 0, 0);
                        }

                        break;
                    default:
                        // A comment ends at "-->", a CDATA section at "]]>".
                        var closing = _mode == Mode.Comment ? (byte)'-' : (byte)']';
                        if (b == closing)
                        {
                            _close = Math.Min(_close + 1, 2);
                        }
                        else
                        {
                            if (b == '>' && _close == 2)
                            {
                                _mode = Mode.Markup;
                            }

                            _close = 0;
                        }

                        break;
                }
            }
        }

        private void Count(int bytes)
        {
            _run += bytes;
            if (_run > maxToken)
            {
                throw new TokenTooLongException();
            }
        }
    }
}
