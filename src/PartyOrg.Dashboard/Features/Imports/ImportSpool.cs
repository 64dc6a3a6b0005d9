using System.Text.Json;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// An append-only list of rows that keeps at most <see cref="BufferRows"/> of them in memory: when the
/// buffer is full it is written to a temporary file (JSON lines, deleted on dispose) and cleared. Reading
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

    /// <summary>The temporary file, once rows went to it.</summary>
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
    /// the file are new objects. Each enumeration reads the file through its own handle, so that several
    /// readers may enumerate at once (not while rows are still being added).
    /// </summary>
    public IEnumerable<IReadOnlyList<T>> Chunks(int chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        var spilled = _spilled;
        if (spilled > 0)
        {
            using var file = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
            using var reader = new StreamReader(file);
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

    /// <summary>Deletes the file. Enumerations already running keep reading through their own handles.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private void Spill()
    {
        if (_file is null)
        {
            _path = Path.Combine(Path.GetTempPath(), $"partyorg-import-{Guid.NewGuid():N}.jsonl");
            _file = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose);
        }

        foreach (var row in _buffer)
        {
            _file.Write(JsonSerializer.SerializeToUtf8Bytes(row, Json));
            _file.WriteByte((byte)'\n');
        }

        _file.Flush();
        _spilled += _buffer.Count;
        _buffer.Clear();
    }
}
