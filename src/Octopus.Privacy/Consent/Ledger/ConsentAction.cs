namespace Octopus.Privacy;

/// <summary>What a person did, as one record of the consent ledger keeps it.</summary>
public enum ConsentAction
{
    /// <summary>Accepted a version of the privacy policy; the change's value is the version.</summary>
    AcceptPolicy = 0,

    /// <summary>Explicitly agreed to a purpose; the change's value is the purpose.</summary>
    Grant = 1,

    /// <summary>Took back a purpose; the change's value is the purpose.</summary>
    Withdraw = 2,
}
