using Microsoft.AspNetCore.Identity;

namespace Octopus.Privacy.Samples.Accounts.Identity;

/// <summary>The application's user: Identity's members (e-mail, user name, phone) and a display name of its own.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The name shown to other users.</summary>
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>What the person agreed to; the consent checks read it.</summary>
    public ConsentState Consent { get; set; } = ConsentState.None;
}
