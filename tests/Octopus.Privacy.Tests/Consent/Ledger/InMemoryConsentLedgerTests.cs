using Octopus.Privacy.Testing.Ledger;

namespace Octopus.Privacy.Tests.Consent.Ledger;

/// <summary>The ledger contract, kept in memory.</summary>
public sealed class InMemoryConsentLedgerTests : ConsentLedgerContract
{
    protected override Task<IConsentLedger> CreateAsync(TimeProvider time, PrivacyPolicy? policy) => Task.FromResult<IConsentLedger>(new InMemoryConsentLedger(policy, time));
}
