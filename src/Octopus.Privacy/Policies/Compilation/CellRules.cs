namespace Octopus.Privacy.Policies.Compilation;

/// <summary>The rules that match one (category, purpose, recipient) cell, as <see cref="CompiledPolicy.Match"/> finds them.</summary>
internal struct CellRules
{
    private int _permitNone;
    private int _permitOptOut;
    private int _permitOptIn;
    private ulong _obligationsNone;
    private ulong _obligationsOptOut;
    private ulong _obligationsOptIn;

    public CellRules()
    {
        Forbid = _permitNone = _permitOptOut = _permitOptIn = -1;
    }

    /// <summary>Gets or sets the index of the first matching forbid rule, or -1.</summary>
    public int Forbid { get; set; }

    public readonly bool HasPermit => _permitNone >= 0 || _permitOptOut >= 0 || _permitOptIn >= 0;

    /// <summary>The index of the first matching permit rule whose effective consent mode is <paramref name="mode"/>, or -1.</summary>
    public readonly int FirstPermit(ConsentMode mode) => mode switch
    {
        ConsentMode.None => _permitNone,
        ConsentMode.OptOut => _permitOptOut,
        _ => _permitOptIn,
    };

    /// <summary>The obligations of every matching permit rule whose effective consent mode is <paramref name="mode"/>.</summary>
    public readonly ulong Obligations(ConsentMode mode) => mode switch
    {
        ConsentMode.None => _obligationsNone,
        ConsentMode.OptOut => _obligationsOptOut,
        _ => _obligationsOptIn,
    };

    public void AddPermit(ConsentMode mode, int rule, ulong obligations)
    {
        switch (mode)
        {
            case ConsentMode.None:
                _permitNone = _permitNone < 0 ? rule : _permitNone;
                _obligationsNone |= obligations;
                break;
            case ConsentMode.OptOut:
                _permitOptOut = _permitOptOut < 0 ? rule : _permitOptOut;
                _obligationsOptOut |= obligations;
                break;
            default:
                _permitOptIn = _permitOptIn < 0 ? rule : _permitOptIn;
                _obligationsOptIn |= obligations;
                break;
        }
    }
}
