using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Octopus.Privacy.Analyzers.Policy
{
    /// <summary>
    /// A small JSON reader: objects (as ordered lists of properties), arrays, strings, numbers and literals, with
    /// comments and trailing commas allowed as the engine allows them. Analyzers load into every compiler host, so
    /// they take no dependency on a JSON library.
    /// </summary>
    internal sealed class MiniJson
    {
        private readonly string _text;
        private int _position;

        private MiniJson(string text)
        {
            _text = text;
        }

        /// <summary>Parses a document, or returns null when it is not well-formed.</summary>
        public static object? TryParse(string text)
        {
            try
            {
                var reader = new MiniJson(text);
                var value = reader.ReadValue();
                reader.SkipWhiteSpace();
                return reader._position == text.Length ? value : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private object? ReadValue()
        {
            SkipWhiteSpace();
            if (_position >= _text.Length)
            {
                throw new FormatException();
            }

            switch (_text[_position])
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    return ReadString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return null;
                default:
                    return ReadNumber();
            }
        }

        private List<KeyValuePair<string, object?>> ReadObject()
        {
            var properties = new List<KeyValuePair<string, object?>>();
            _position++;
            while (true)
            {
                SkipWhiteSpace();
                if (Peek() == '}')
                {
                    _position++;
                    return properties;
                }

                var name = ReadString();
                SkipWhiteSpace();
                if (Peek() != ':')
                {
                    throw new FormatException();
                }

                _position++;
                properties.Add(new KeyValuePair<string, object?>(name, ReadValue()));
                SkipWhiteSpace();
                if (Peek() == ',')
                {
                    _position++;
                }
                else if (Peek() != '}')
                {
                    throw new FormatException();
                }
            }
        }

        private List<object?> ReadArray()
        {
            var items = new List<object?>();
            _position++;
            while (true)
            {
                SkipWhiteSpace();
                if (Peek() == ']')
                {
                    _position++;
                    return items;
                }

                items.Add(ReadValue());
                SkipWhiteSpace();
                if (Peek() == ',')
                {
                    _position++;
                }
                else if (Peek() != ']')
                {
                    throw new FormatException();
                }
            }
        }

        private string ReadString()
        {
            if (Peek() != '"')
            {
                throw new FormatException();
            }

            _position++;
            var text = new StringBuilder();
            while (true)
            {
                var c = Next();
                if (c == '"')
                {
                    return text.ToString();
                }

                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }

                var escape = Next();
                switch (escape)
                {
                    case 'n': text.Append('\n'); break;
                    case 't': text.Append('\t'); break;
                    case 'r': text.Append('\r'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'u':
                        if (_position + 4 > _text.Length)
                        {
                            throw new FormatException();
                        }

                        text.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _position += 4;
                        break;
                    default: text.Append(escape); break;
                }
            }
        }

        private double ReadNumber()
        {
            var start = _position;
            while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            {
                _position++;
            }

            if (start == _position || !double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException();
            }

            return value;
        }

        private void Expect(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw new FormatException();
            }

            _position += literal.Length;
        }

        private void SkipWhiteSpace()
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    _position++;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    while (_position < _text.Length && _text[_position] != '\n')
                    {
                        _position++;
                    }
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                {
                    var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    _position = end < 0 ? _text.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException();
    }
}
