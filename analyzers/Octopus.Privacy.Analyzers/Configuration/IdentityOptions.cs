using System;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Policy;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Configuration
{
    /// <summary>
    /// How ASP.NET Core Identity's user members map to the policy's categories, read once per compilation from the
    /// project's options. E-mail maps to <c>contact.email</c>, the user name to <c>identity.name</c> and the phone
    /// number to <c>contact.phone</c>, a password handed to Identity's managers to <c>account.credentials</c>; the user's <c>Id</c> (the pseudonymous key services log by design) and its flags
    /// and counters are not personal data unless <c>octopus_privacy.identity_report_keys = true</c>.
    /// </summary>
    internal sealed class IdentityOptions
    {
        public const string EmailCategoryOption = "octopus_privacy.identity_email_category";
        public const string NameCategoryOption = "octopus_privacy.identity_name_category";
        public const string PhoneCategoryOption = "octopus_privacy.identity_phone_category";
        public const string PasswordCategoryOption = "octopus_privacy.identity_password_category";
        public const string ReportKeysOption = "octopus_privacy.identity_report_keys";

        private readonly PolicyVocabulary _vocabulary;

        public IdentityOptions(Func<string, string?> option, PolicyVocabulary vocabulary)
        {
            _vocabulary = vocabulary;
            EmailCategory = Read(option, EmailCategoryOption, "contact.email");
            NameCategory = Read(option, NameCategoryOption, "identity.name");
            PhoneCategory = Read(option, PhoneCategoryOption, "contact.phone");
            PasswordCategory = Read(option, PasswordCategoryOption, "account.credentials");
            ReportKeys = option(ReportKeysOption) is string text && bool.TryParse(text.Trim(), out var report) && report;
        }

        public string EmailCategory { get; }

        public string NameCategory { get; }

        public string PhoneCategory { get; }

        /// <summary>The category of a password handed to Identity (<c>CreateAsync(user, password)</c>): secret in the default policy.</summary>
        public string PasswordCategory { get; }

        /// <summary>Whether the user's <c>Id</c> and its flags and counters are reported as personal data.</summary>
        public bool ReportKeys { get; }

        /// <summary>True when the category can be looked up in the project's policy (so the code fixes can name it).</summary>
        public bool IsPolicyCategory(string category) => _vocabulary.SecretByCategory.ContainsKey(category);

        /// <summary>
        /// True when the member is declared by <c>IdentityUser&lt;TKey&gt;</c> or overrides one it declares; <paramref name="category"/> is then its
        /// category, or null when the member is not reported.
        /// </summary>
        public bool IsIdentityUserMember(ISymbol member, out string? category)
        {
            category = null;
            var declared = member;
            while (declared is IPropertySymbol { OverriddenProperty: { } overridden })
            {
                // ApplicationUser's own [ProtectedPersonalData] override of Email is still Identity's e-mail address.
                declared = overridden;
            }

            if (!Symbols.Names.IsIdentityUser(declared.ContainingType?.OriginalDefinition))
            {
                return false;
            }

            // NormalizedEmail and NormalizedUserName, Identity's upper-cased copies for look-ups, are the same data.
            var name = member.Name == "NormalizedEmail" ? "Email" : member.Name == "NormalizedUserName" ? "UserName" : member.Name;
            category = CategoryOfUserMember(name) ?? (ReportKeys ? "personal data" : null);
            return true;
        }

        /// <summary>
        /// The category of an Identity user's member by its name: the e-mail address, the user name, the phone number; null
        /// for any other member. The same for <c>IdentityUser</c>'s members and for the application's own user class that
        /// Identity manages.
        /// </summary>
        public string? CategoryOfUserMember(string name) =>
            CategoryOf(name == "Email" ? "email" : name == "UserName" ? "name" : name == "PhoneNumber" ? "phone" : string.Empty);

        /// <summary>The category a well-known API's result or a claim type carries: e-mail, name or phone, or null.</summary>
        public string? CategoryOf(string kind)
        {
            switch (kind)
            {
                case "email":
                    return EmailCategory;
                case "name":
                    return NameCategory;
                case "phone":
                    return PhoneCategory;
                default:
                    return null;
            }
        }

        private static string Read(Func<string, string?> option, string key, string fallback) =>
            option(key) is string value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;
    }
}
