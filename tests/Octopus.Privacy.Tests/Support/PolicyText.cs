namespace Octopus.Privacy.Tests.Support;

/// <summary>Small policy documents for example tests.</summary>
internal static class PolicyText
{
    /// <summary>A vocabulary of two personal categories under <c>contact</c>, one non-personal, three purposes and two recipients, with the given rules.</summary>
    public static string WithRules(string rules, string acceptedVersions = "[\"2\"]") => $$"""
        {
          "name": "Test policy",
          "version": "2",
          "acceptedVersions": {{acceptedVersions}},
          "categories": {
            "contact.email": { "personal": true },
            "contact.phone": { "personal": true },
            "stats": { "personal": false }
          },
          "purposes": {
            "ops": { "consent": "none" },
            "news": { "consent": "opt-out" },
            "ads": { "consent": "opt-in" }
          },
          "recipients": {
            "internal": {},
            "partner": {}
          },
          "rules": [ {{rules}} ]
        }
        """;

    public static PrivacyPolicy Parse(string rules, string acceptedVersions = "[\"2\"]") =>
        PrivacyPolicy.Parse(WithRules(rules, acceptedVersions));
}
