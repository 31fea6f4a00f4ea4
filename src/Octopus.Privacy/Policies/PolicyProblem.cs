namespace Octopus.Privacy;

/// <summary>One problem found in a policy document.</summary>
/// <param name="Path">The JSON path of the offending value, for example <c>$.rules[2].effect</c>.</param>
/// <param name="Line">The 1-based line of the offending value, or 0 when the problem concerns no position.</param>
/// <param name="Column">The 1-based column of the offending value, or 0 when the problem concerns no position.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record PolicyProblem(string Path, int Line, int Column, string Message)
{
    /// <summary>Formats the problem as <c>(line,col): path: message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => Line > 0
        ? $"({Line},{Column}): {Path}: {Message}"
        : $"{Path}: {Message}";
}
