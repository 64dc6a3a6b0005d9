using System.Text.Json;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// An append-only list of rows that keeps at most <see cref="BufferRows"/> of them in memory: when the
/// buffer is full it is written to a temporary file (JSON lines; unlinked as soon as it is opened on Linux,
/// deleted on dispose elsewhere) and cleared. Reading
/// gives the rows back in the order they were added, a chunk at a time, so that validating and writing a
/// large file needs memory for one chunk, not for the file.
/// </summary>
internal sealed class ImportSpool<T> : IDisposable
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly List<T> _buffer = [];
    private FileStream? _file;
    private string? _path;
    private long _length;
    private int _spilled;

    public ImportSpool(int bufferRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferRows);
        BufferRows = bufferRows;
    }

    public int BufferRows { get; }

    public int Count => _spilled + _buffer.Count;

    /// <summary>Rows held in memory right now (never more than <see cref="BufferRows"/>).</summary>
    public int InMemory => _buffer.Count;

    /// <summary>The temporary file's name, once rows went to it (on Linux it is unlinked at once; the handle keeps the data).</summary>
    internal string? FilePath => _path;

    /// <summary>Whether some rows went to the temporary file.</summary>
    public bool Spilled => _spilled > 0;

    public void Add(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _buffer.Add(row);
        if (_buffer.Count >= BufferRows)
        {
            Spill();
        }
    }

    /// <summary>
    /// Every row in the order added, in chunks of at most <paramref name="chunkRows"/>. Rows read back from
    /// the file are new objects. Each enumeration reads the file at its own offsets (positional reads on the
    /// one handle), so that several readers may enumerate at once (not while rows are still being added).
    /// </summary>
    public IEnumerable<IReadOnlyList<T>> Chunks(int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        var spilled = _spilled;
        if (spilled > 0)
        {
            using var reader = new StreamReader(new PositionalReader(_file!.SafeFileHandle, _length), bufferSize: 64 * 1024);
            var chunk = new List<T>(Math.Min(chunkRows, spilled));
            for (var i = 0; i < spilled; i++)
            {
                var line = reader.ReadLine() ?? throw new InvalidDataException($"The import spool ended after {i} of {spilled} rows.");
                chunk.Add(JsonSerializer.Deserialize<T>(line, Json)!);
                if (chunk.Count == chunkRows)
                {
                    yield return chunk;
                    chunk = new List<T>(chunkRows);
                }
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }

        var buffered = _buffer.ToArray();
        for (var i = 0; i < buffered.Length; i += chunkRows)
        {
            yield return buffered[i..Math.Min(buffered.Length, i + chunkRows)];
        }
    }

    /// <summary>Every row in the order added.</summary>
    public IEnumerable<T> Rows() => Chunks(BufferRows).SelectMany(chunk => chunk);

    /// <summary>Closes (and so deletes) the file; rows can no longer be read.</summary>
    public void Dispose()
    {
        _file?.Dispose();
    }

    private void Spill()
    {
        if (_file is null)
        {
            _path = Path.Combine(Path.GetTempPath(), $"partyorg-import-{Guid.NewGuid():N}.jsonl");
            _file = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            if (!OperatingSystem.IsWindows())
            {
                // Unlinked at once: the open handle keeps the data, and a process killed mid-import leaves no file behind.
                File.Delete(_path);
            }
        }

        foreach (var row in _buffer)
        {
            _file.Write(JsonSerializer.SerializeToUtf8Bytes(row, Json));
            _file.WriteByte((byte)'\n');
        }

        _file.Flush();
        _length = _file.Length;
        _spilled += _buffer.Count;
        _buffer.Clear();
    }

    /// <summary>A read-only stream over the spool's handle with its own position (positional reads), closing nothing.</summary>
    private sealed class PositionalReader(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length)
            {
                return 0;
            }

            var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, length - _position)], _position);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
