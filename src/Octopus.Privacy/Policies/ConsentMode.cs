namespace Octopus.Privacy;

/// <summary>How much consent a purpose, or a rule, needs. Later members are stricter.</summary>
public enum ConsentMode
{
    /// <summary>Another legal basis applies (contract, legal obligation); the consent state is ignored. JSON: <c>"none"</c>.</summary>
    None = 0,

    /// <summary>Allowed once the person has accepted a listed policy version, until they withdraw the purpose. JSON: <c>"opt-out"</c>.</summary>
    OptOut = 1,

    /// <summary>Allowed only after the person explicitly granted the purpose, and not withdrawn since. JSON: <c>"opt-in"</c>.</summary>
    OptIn = 2,
}
