// Compiled for netstandard2.0 here and for net10.0 in the command-line tool (the baseline reader); the span-based
// overloads those rules ask for do not exist on netstandard2.0.
#pragma warning disable CA1846, CA2249

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Octopus.Privacy.Analyzers.Policy
{
    /// <summary>
    /// A small JSON reader: objects (as ordered lists of properties), arrays, strings, numbers and literals, with
    /// comments and trailing commas allowed as the engine allows them. Analyzers load into every compiler host, so
    /// they take no dependency on a JSON library. Nesting is limited to the engine's depth (64), so that no document
    /// can exhaust the compiler's stack.
    /// </summary>
    internal sealed class MiniJson
    {
        /// <summary>The deepest nesting of objects and arrays accepted, as the engine's <c>PolicyLimits.MaxDepth</c>.</summary>
        public const int MaxDepth = 64;

        private readonly string _text;
        private int _position;
        private int _depth;

        private MiniJson(string text)
        {
            _text = text;
        }

        /// <summary>The value of an object's property (the first of that name), or null.</summary>
        public static object? Property(List<KeyValuePair<string, object?>> properties, string name)
        {
            foreach (var property in properties)
            {
                if (property.Key == name)
                {
                    return property.Value;
                }
            }

            return null;
        }

        /// <summary>Parses a document, or returns null when it is not well-formed.</summary>
        public static object? TryParse(string text) => TryParse(text, out _, out _);

        /// <summary>
        /// Parses a document; when it is not well-formed, returns null with what is wrong and the offset where the
        /// reader stopped.
        /// </summary>
        public static object? TryParse(string text, out string? problem, out int offset)
        {
            var reader = new MiniJson(text);
            try
            {
                var value = reader.ReadValue();
                reader.SkipWhiteSpace();
                if (reader._position != text.Length)
                {
                    throw new FormatException("unexpected text after the end of the document");
                }

                problem = null;
                offset = 0;
                return value;
            }
            catch (FormatException e)
            {
                problem = e.Message;
                offset = Math.Min(reader._position, text.Length);
                return null;
            }
        }

        private object? ReadValue()
        {
            SkipWhiteSpace();
            if (_position >= _text.Length)
            {
                throw new FormatException("the document ends where a value was expected");
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
            Enter();
            while (true)
            {
                SkipWhiteSpace();
                if (Peek() == '}')
                {
                    _position++;
                    _depth--;
                    return properties;
                }

                var name = ReadString();
                SkipWhiteSpace();
                if (Peek() != ':')
                {
                    throw new FormatException("':' expected after a property name");
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
                    throw new FormatException("',' or '}' expected");
                }
            }
        }

        private List<object?> ReadArray()
        {
            var items = new List<object?>();
            Enter();
            while (true)
            {
                SkipWhiteSpace();
                if (Peek() == ']')
                {
                    _position++;
                    _depth--;
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
                    throw new FormatException("',' or ']' expected");
                }
            }
        }

        private string ReadString()
        {
            if (Peek() != '"')
            {
                throw new FormatException("a string in double quotes expected");
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
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new FormatException("four hexadecimal digits expected after \\u");
                        }

                        text.Append((char)code);
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
                _position = start;
                throw new FormatException("a value expected");
            }

            return value;
        }

        private void Expect(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw new FormatException("a value expected");
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

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw new FormatException($"objects and arrays nested deeper than {MaxDepth} levels");
            }

            _position++;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException("the document ends inside a string");
    }
}
