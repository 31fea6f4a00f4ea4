namespace Octopus.Privacy.Tests.Support;

/// <summary>Short ways to write requests and consent states in tests.</summary>
internal static class Requests
{
    public static ConsentState Accepted(string version = "1.0") => ConsentState.None.AcceptPolicy(version);

    public static DataUseRequest Use(string category, string purpose, string recipient, ConsentState? consent = null) =>
        new([category], purpose, recipient) { Consent = consent ?? ConsentState.None };

    public static DataUseRequest Use(string[] categories, string purpose, string recipient, ConsentState? consent = null) =>
        new(categories, purpose, recipient) { Consent = consent ?? ConsentState.None };
}
