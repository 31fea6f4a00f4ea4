using System.Text.Json.Nodes;

namespace Octopus.Privacy;

/// <summary>
/// Adds an application's own data about a subject to an access export (<see cref="SubjectRights.ExportAsync"/>):
/// an account's profile, orders, messages. Register implementations as <c>IPersonalDataContributor</c> services; each
/// one's data appears under its <see cref="Name"/> in the export's <c>applicationData</c>.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>Gets the name the data appears under: 1 to 256 characters, unique among the contributors.</summary>
    string Name { get; }

    /// <summary>Gets what the application keeps about a subject, as JSON.</summary>
    /// <param name="subjectId">The subject, as the consent ledger knows it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The data, or <see langword="null"/> when the application keeps nothing about the subject.</returns>
    ValueTask<JsonNode?> GetPersonalDataAsync(string subjectId, CancellationToken cancellationToken = default);
}
