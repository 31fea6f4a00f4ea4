using System.Buffers;
using System.Text;

namespace Octopus.Privacy.Policies.Parsing;

/// <summary>
/// The UTF-8 text of a policy document, checked to be valid Unicode and within
/// <see cref="PolicyLimits.MaxDocumentBytes"/>, that turns byte offsets into 1-based lines and character columns.
/// </summary>
/// <remarks>
/// Lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>. Columns count UTF-16 characters, as editors and .NET
/// strings do. Locating an offset costs at most a scan of <see cref="CheckpointSpacing"/> bytes, however long the line.
/// </remarks>
internal sealed class SourceText
{
    private const int CheckpointShift = 10;
    private const int CheckpointSpacing = 1 << CheckpointShift;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<int> _lineStarts = [0];
    private readonly List<int> _lfLineStarts = [0];
    private readonly int[] _checkpoints;

    private SourceText(byte[] utf8)
    {
        Utf8 = utf8;
        _checkpoints = new int[(utf8.Length >> CheckpointShift) + 1];
        var characters = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            if ((i & (CheckpointSpacing - 1)) == 0)
            {
                _checkpoints[i >> CheckpointShift] = characters;
            }

            var b = utf8[i];
            characters += CharactersOf(b);
            if (b == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
                _lfLineStarts.Add(i + 1);
            }
            else if (b == (byte)'\r' && (i + 1 == utf8.Length || utf8[i + 1] != (byte)'\n'))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Gets the UTF-8 bytes of the document, without a byte order mark.</summary>
    public byte[] Utf8 { get; }

    /// <summary>Reads a document given as a .NET string; a lone surrogate or an oversized text is a problem.</summary>
    public static SourceText? FromString(string json, ProblemList problems)
    {
        var start = json.Length > 0 && json[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                var (line, column) = LocateInString(json, start, i);
                problems.Add(new PolicyProblem("$", line, column, $"The text contains a lone surrogate character (U+{(int)c:X4}), which is not valid Unicode."));
                return null;
            }
        }

        var span = json.AsSpan(start);
        if (span.Length > PolicyLimits.MaxDocumentBytes || StrictUtf8.GetByteCount(span) > PolicyLimits.MaxDocumentBytes)
        {
            problems.Add(TooLarge());
            return null;
        }

        return new SourceText(StrictUtf8.GetBytes(json, start, json.Length - start));
    }

    /// <summary>Reads a document given as UTF-8 bytes; invalid UTF-8 or an oversized text is a problem.</summary>
    public static SourceText? FromUtf8(ReadOnlySpan<byte> utf8, ProblemList problems)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Length > PolicyLimits.MaxDocumentBytes)
        {
            problems.Add(TooLarge());
            return null;
        }

        var invalidAt = FirstInvalidUtf8(utf8);
        var text = new SourceText(utf8.ToArray());
        if (invalidAt >= 0)
        {
            var (line, column) = text.Locate(invalidAt);
            problems.Add(new PolicyProblem("$", line, column, $"The file is not valid UTF-8: byte 0x{utf8[invalidAt]:X2} at offset {invalidAt} cannot start or continue a character. Save the policy as UTF-8."));
            return null;
        }

        return text;
    }

    /// <summary>The 1-based line and character column of a byte offset.</summary>
    public (int Line, int Column) Locate(int offset)
    {
        offset = Math.Clamp(offset, 0, Utf8.Length);
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var lineStart = _lineStarts[index];
        return (index + 1, CharacterIndex(offset) - CharacterIndex(lineStart) + 1);
    }

    /// <summary>
    /// The byte offset of a position given as <see cref="System.Text.Json.Utf8JsonReader"/> reports it: a 0-based line
    /// counted by <c>\n</c> only and a byte position within it.
    /// </summary>
    public int OffsetOfReaderPosition(long lfLine, long bytePositionInLine)
    {
        var line = (int)Math.Clamp(lfLine, 0, _lfLineStarts.Count - 1);
        return (int)Math.Clamp(_lfLineStarts[line] + bytePositionInLine, 0, Utf8.Length);
    }

    private static PolicyProblem TooLarge() =>
        new("$", 0, 0, $"The document is larger than {PolicyLimits.MaxDocumentBytes / (1024 * 1024)} MiB, the most a policy may be ({nameof(PolicyLimits)}.{nameof(PolicyLimits.MaxDocumentBytes)}).");

    private static int CharactersOf(byte b) => (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1;

    private int CharacterIndex(int offset)
    {
        var checkpoint = offset >> CheckpointShift;
        var characters = _checkpoints[checkpoint];
        for (var i = checkpoint << CheckpointShift; i < offset; i++)
        {
            characters += CharactersOf(Utf8[i]);
        }

        return characters;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var consumed = 0;
            while (consumed < utf8.Length)
            {
                var status = System.Text.Unicode.Utf8.ToUtf16(utf8[consumed..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                consumed += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                {
                    return consumed;
                }

                if (status == OperationStatus.Done)
                {
                    break;
                }
            }

            return -1;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (int Line, int Column) LocateInString(string text, int start, int index)
    {
        var line = 1;
        var lineStart = start;
        for (var i = start; i < index; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
