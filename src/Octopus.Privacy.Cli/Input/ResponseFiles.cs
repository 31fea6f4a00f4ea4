namespace Octopus.Privacy.Cli.Input;

/// <summary>
/// Response files (<c>octopus-privacy @args.rsp</c>), read like every other file the tool reads (<see cref="CliFiles"/>):
/// a directory, a missing file, invalid UTF-8 or an endless file is one line and exit code 2. Each line holds
/// arguments separated by white space; double quotes keep white space in one argument; a line starting with
/// <c>#</c> is a comment.
/// </summary>
internal static class ResponseFiles
{
    public static bool TryRead(string token, out IReadOnlyList<string>? tokens, out string? error)
    {
        tokens = null;
        error = null;
        var path = token.StartsWith('@') ? token[1..] : token;
        string text;
        try
        {
            text = CliFiles.ReadText(path, "response file", CliFiles.MaxInputBytes);
        }
        catch (CliException ex)
        {
            error = ex.Message.StartsWith("response file", StringComparison.Ordinal) ? ex.Message : $"response file {ex.Message}";
            return false;
        }

        var list = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            Split(line, list);
        }

        tokens = list;
        return true;
    }

    private static void Split(string line, List<string> into)
    {
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    into.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            into.Add(current.ToString());
        }
    }
}
