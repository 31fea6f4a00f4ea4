using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// The patterns of real ASP.NET Core code, each as a minimal test of its own, against the real libraries: ASP.NET Core
/// Identity (from the shared framework's reference assemblies), MailKit, RestSharp and Serilog.
/// </summary>
public sealed class RealCodePatternTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        """;

    private const string User = """

        public class ApplicationUser : IdentityUser
        {
            [PersonalData] public string DisplayName { get; set; } = "";
        }

        """;

    /// <summary>The Blazor template's sender, as it writes it until the application brings a real one.</summary>
    private const string TemplateNoOpSender = """
        internal sealed class IdentityNoOpEmailSender : IEmailSender<ApplicationUser>
        {
            private readonly IEmailSender emailSender = new NoOpEmailSender();

            public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
                emailSender.SendEmailAsync(email, "Confirm your email", confirmationLink);

            public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
                new NoOpEmailSender().SendEmailAsync(email, "Reset your password", resetLink);

            public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => Task.CompletedTask;
        }

        """;

    /// <summary>Two implementations of Identity's sender, one that logs the address it is given and one that does nothing.</summary>
    private const string TwoSenders = """
        public sealed class LoggingSender(ILogger<LoggingSender> logger) : IEmailSender<ApplicationUser>
        {
            public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink)
            {
                logger.LogInformation("Confirmation for {Email}", email);
                return Task.CompletedTask;
            }

            public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) => Task.CompletedTask;

            public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => Task.CompletedTask;
        }

        public sealed class QuietSender : IEmailSender<ApplicationUser>
        {
            public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) => Task.CompletedTask;

            public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) => Task.CompletedTask;

            public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => Task.CompletedTask;
        }

        """;

    /// <summary>An application's own user entity, whose address is personal because its token service claims it as one.</summary>
    private const string ClaimedUserEntity = """
        public sealed class UserEntity { public Guid Id { get; set; } public string Email { get; set; } = ""; }

        public sealed class Tokens
        {
            public ClaimsIdentity For(UserEntity user) => new(new[] { new Claim(ClaimTypes.Email, user.Email) });
        }

        """;

    /// <summary>All of an identity's claims, as a finding names them.</summary>
    private const string IdentityClaims = "ClaimsIdentity.Claims (contact.email), ClaimsIdentity.Claims (identity.name)";

    private static DiagnosticResult Logged(int location, string what, string sink) =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Shared(int location, string what, string recipient, string sink) =>
        V.Diagnostic("OPRIV002").WithLocation(location).WithArguments(what, recipient, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Secret(int location, string what, string verb, string sink) =>
        V.Error("OPRIV003").WithLocation(location).WithArguments(what, verb, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task Members_inherited_from_IdentityUser_are_personal_data_of_the_policy_categories() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(ILogger<AccountService> logger)
            {
                public void Registered(ApplicationUser user)
                {
                    {|#0:logger.LogInformation("Registered {Email}", user.Email)|};
                    {|#1:logger.LogInformation("Registered {Name}", user.UserName)|};
                    {|#2:logger.LogInformation("Phone {Phone}", user.PhoneNumber)|};
                    {|#3:logger.LogInformation("Shown as {Name}", user.DisplayName)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.PhoneNumber (contact.phone)", "LoggerExtensions.LogInformation"),
            Logged(3, "ApplicationUser.DisplayName (personal data)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_users_own_override_of_an_Identity_member_keeps_its_category() =>
        V.WithLibrariesAsync(Usings + """
            public class ApplicationUser : IdentityUser
            {
                [ProtectedPersonalData]
                public override string? Email { get; set; }

                [PersonalData]
                public override string Id { get; set; } = "";
            }

            public sealed class AccountService(ILogger<AccountService> logger)
            {
                public void Confirmed(ApplicationUser user)
                {
                    {|#0:logger.LogInformation("Confirmed {Email}", user.Email)|};
                    logger.LogInformation("Confirmed {Id}", user.Id);
                }
            }
            """,
            Logged(0, "ApplicationUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_Identity_user_id_flags_and_counters_are_not_reported_by_default() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(ILogger<AccountService> logger)
            {
                public void Registered(ApplicationUser user)
                {
                    logger.LogInformation("User {Id} confirmed {Confirmed}, 2FA {TwoFactor}, failures {Failures}", user.Id, user.EmailConfirmed, user.TwoFactorEnabled, user.AccessFailedCount);
                }
            }
            """);

    [Fact]
    public Task A_project_can_report_the_Identity_user_id_and_map_categories_of_its_own() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(ILogger<AccountService> logger)
            {
                public void Registered(ApplicationUser user)
                {
                    {|#0:logger.LogInformation("User {Id}", user.Id)|};
                    {|#1:logger.LogInformation("Mail {Email}", user.Email)|};
                }

                public async Task SignIn(SignInManager<ApplicationUser> signIn, string userName, string password)
                {
                    await signIn.PasswordSignInAsync(userName, password, false, false);
                    {|#2:logger.LogInformation("Typed {Password}", password)|};
                }
            }
            """,
            "octopus_privacy.identity_report_keys = true\noctopus_privacy.identity_email_category = contact.work_email\noctopus_privacy.identity_password_category = account.typed\n",
            Logged(0, "IdentityUser.Id (personal data)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.work_email)", "LoggerExtensions.LogInformation"),
            Logged(2, "SignInManager.PasswordSignInAsync(password) (account.typed)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_whole_Identity_user_passed_to_a_log_carries_its_personal_members() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(ILogger<AccountService> logger)
            {
                public void Registered(ApplicationUser user) => {|#0:logger.LogInformation("Registered {@User}", user)|};
            }
            """,
            Logged(0, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task UserManager_results_and_users_found_by_e_mail_are_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(UserManager<ApplicationUser> users, ILogger<AccountService> logger)
            {
                public async Task Run(ApplicationUser user, string address)
                {
                    var email = await users.GetEmailAsync(user);
                    {|#0:logger.LogInformation("Mail {Email}", email)|};
                    var name = await users.GetUserNameAsync(user);
                    {|#1:logger.LogInformation("Name {Name}", name)|};
                    var found = await users.FindByEmailAsync(address);
                    {|#2:logger.LogInformation("Found {Name}", found!.UserName)|};
                    var id = await users.GetUserIdAsync(user);
                    logger.LogInformation("Id {Id}", id);
                }
            }
            """,
            Logged(0, "UserManager.GetEmailAsync() (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "UserManager.GetUserNameAsync() (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_form_destructured_into_the_log_writes_what_the_method_stores_in_the_new_user() =>
        // The form's members are not marked; the method says what they hold by storing them in the Identity user, after
        // the log. Formatted without @, the form prints its type name.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class RegisterRequest
            {
                public string UserName { get; set; } = "";
                public string Email { get; set; } = "";
                public string Role { get; set; } = "";
            }

            public sealed class AuthController(UserManager<ApplicationUser> users, ILogger<AuthController> logger)
            {
                public async Task Register(RegisterRequest request, RegisterRequest other)
                {
                    {|#0:logger.LogInformation("Register started with request: {@Request}", request)|};
                    logger.LogInformation("Register started with request: {Request}", request);
                    logger.LogInformation("Also received: {@Other}", other);
                    var user = new ApplicationUser { UserName = request.UserName, Email = request.Email };
                    await users.CreateAsync(user);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_password_handed_to_identity_is_the_users_credentials_wherever_the_method_writes_it() =>
        // The form's password is not marked; the method says what it is by handing it to Identity. The default policy's
        // account.credentials is secret: an error (OPRIV003) wherever it is written, guarded or not.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class RegisterRequest
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
                public string ConfirmPassword { get; set; } = "";
            }

            public sealed class AuthController(
                UserManager<ApplicationUser> users,
                SignInManager<ApplicationUser> signIn,
                Microsoft.AspNetCore.Identity.UI.Services.IEmailSender mail,
                ILogger<AuthController> logger)
            {
                public async Task Register(RegisterRequest request)
                {
                    {|#0:logger.LogInformation("Register started with request: {@Request}", request)|};
                    var user = new ApplicationUser { UserName = request.Email, Email = request.Email };
                    await users.CreateAsync(user, request.Password);
                    {|#1:logger.LogDebug("Created with {Password}", request.Password)|};
                    logger.LogDebug("Confirmation typed: {Confirmation}", request.ConfirmPassword);
                    await {|#2:mail.SendEmailAsync("admin@example.com", "New account", $"Password: {request.Password}")|};
                }

                public async Task Login(string userName, string password, bool remember)
                {
                    var result = await signIn.PasswordSignInAsync(userName, password, remember, false);
                    if (!result.Succeeded)
                    {
                        {|#3:logger.LogWarning($"Failed sign-in with {password}")|};
                        {|#6:Note("Typed {Password}", password)|};
                    }

                    logger.LogInformation("Remember {Remember}", remember);
                }

                private void Note(string template, params object[] values) => logger.LogInformation(template, values);

                public async Task Reset(ApplicationUser user, string token, string newPassword)
                {
                    await users.ResetPasswordAsync(user, token, newPassword);
                    logger.LogInformation("Reset with a token of {Length}", token.Length);
                }

                // A callee's summary does not tell its input's members apart: inside an object, the password is not
                // taken to reach what the callee writes of another member.
                public async Task RegisterAndLog(RegisterRequest request)
                {
                    var user = new ApplicationUser { UserName = request.Email, Email = request.Email };
                    await users.CreateAsync(user, request.Password);
                    var login = new RegisterRequest { Email = request.Email, Password = request.Password };
                    {|#4:LogAttempt(login)|};
                    {|#5:logger.LogInformation("{Text}", Describe(login))|};
                }

                private void LogAttempt(RegisterRequest login) => logger.LogInformation("Attempt for {Email}", login.Email);

                private static string Describe(RegisterRequest login) => "for " + login.Email;
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Secret(0, "UserManager.CreateAsync(password) (account.credentials)", "logged", "LoggerExtensions.LogInformation"),
            Secret(1, "UserManager.CreateAsync(password) (account.credentials)", "logged", "LoggerExtensions.LogDebug"),
            Secret(2, "UserManager.CreateAsync(password) (account.credentials)", "shared", "IEmailSender.SendEmailAsync"),
            Secret(3, "SignInManager.PasswordSignInAsync(password) (account.credentials)", "logged", "LoggerExtensions.LogWarning"),
            Logged(4, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "AuthController.LogAttempt → LoggerExtensions.LogInformation"),
            Logged(5, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Secret(6, "SignInManager.PasswordSignInAsync(password) (account.credentials)", "logged", "AuthController.Note → LoggerExtensions.LogInformation"));

    [Fact]
    public Task Claims_read_by_the_e_mail_and_name_claim_types_are_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ProfileService(ILogger<ProfileService> logger)
            {
                public void Run(ClaimsPrincipal principal)
                {
                    {|#0:logger.LogInformation("Mail {Email}", principal.FindFirstValue(ClaimTypes.Email))|};
                    {|#1:logger.LogInformation("Name {Name}", principal.FindFirst(ClaimTypes.Name)?.Value)|};
                    logger.LogInformation("Subject {Id}", principal.FindFirstValue(ClaimTypes.NameIdentifier));
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim ClaimTypes.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Claim_types_written_as_text_are_the_claims_they_name() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class TwitterProfile(ILogger<TwitterProfile> logger)
            {
                public void Run(ClaimsPrincipal principal)
                {
                    var screenName = principal.FindFirstValue("urn:twitter:screenname");
                    var email = principal.FindFirstValue(@"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress");
                    if (string.IsNullOrEmpty(email))
                    {
                        {|#0:logger.LogError($"No e-mail address for {screenName}")|};
                    }

                    {|#1:logger.LogInformation("Mail {Mail}", email)|};
                    {|#2:logger.LogInformation("Name {Name}", principal.FindFirst("name")?.Value)|};
                    logger.LogInformation("Subject {Id} of {Tenant}", principal.FindFirstValue("sub"), principal.FindFirstValue("urn:contoso:tenant"));
                    logger.LogInformation("Issued {Jti}", principal.FindFirstValue("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"));
                }
            }
            """,
            Logged(0, "claim urn:twitter:screenname (identity.name)", "LoggerExtensions.LogError"),
            Logged(1, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "claim JwtRegisteredClaimNames.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_identitys_name_and_a_claim_found_by_a_predicate_on_its_type_are_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class CheckoutController(ILogger<CheckoutController> logger)
            {
                public void Run(ClaimsPrincipal user)
                {
                    {|#0:logger.LogInformation("Checkout by {User}", user.Identity?.Name)|};
                    var name = user.FindFirst(x => x.Type == ClaimTypes.Name)!.Value;
                    {|#1:logger.LogInformation("Basket of {Name}", name)|};
                    logger.LogInformation("Subject {Id}", user.FindFirst(x => x.Type == ClaimTypes.NameIdentifier)?.Value);
                    logger.LogInformation("Signed in {Authenticated} with {Scheme}", user.Identity?.IsAuthenticated, user.Identity?.AuthenticationType);
                }
            }
            """,
            Logged(0, "IIdentity.Name (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim ClaimTypes.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task All_of_a_users_claims_are_personal_data_until_a_predicate_on_their_type_picks_some() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ExternalController(ILogger<ExternalController> logger)
            {
                public void Callback(ClaimsPrincipal principal)
                {
                    {|#0:logger.LogDebug("External claims: {@Claims}", principal.Claims.Select(c => $"{c.Type}: {c.Value}"))|};
                    logger.LogDebug("Claim types: {Types}", principal.Claims.Select(c => c.Type));
                    logger.LogInformation("Subject {Id}", principal.Claims.FirstOrDefault(c => c.Type == "sub")?.Value);
                    logger.LogInformation("Roles {Roles}", principal.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value));
                    {|#1:logger.LogInformation("Mail {Mail}", principal.Claims.First(c => c.Type == "email").Value)|};
                    logger.LogInformation("{Count} claims from {Issuer}", principal.Claims.Count(), principal.Claims.First().Issuer);
                    foreach (var claim in principal.Identities.First().Claims)
                    {
                        {|#2:logger.LogTrace("Claim {Value}", claim.Value)|};
                    }
                }
            }
            """,
            Logged(0, "ClaimsPrincipal.Claims (contact.email), ClaimsPrincipal.Claims (identity.name)", "LoggerExtensions.LogDebug"),
            Logged(1, "claim JwtRegisteredClaimNames.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, IdentityClaims, "LoggerExtensions.LogTrace"));

    [Fact]
    public Task A_collection_typed_by_an_interface_prints_its_type_name_unless_the_project_declares_one_that_prints_its_elements() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class TokenMiddleware(ILogger<TokenMiddleware> logger)
            {
                public void Validated(ClaimsIdentity identity, System.Collections.Generic.IList<ApplicationUser> users)
                {
                    // A sequence of strings may be StringValues, which prints its values.
                    var names = users.Select(u => u.UserName);
                    logger.LogError("No user id in claims {Claims}", identity.Claims.ToString());
                    logger.LogError("No user id in {Claims}", $"{identity.Claims}");
                    logger.LogError("Users {Users}", users.ToString());
                    {|#0:logger.LogError("Claims {Claims}", string.Join(", ", identity.Claims))|};
                    {|#1:logger.LogError("Names {Names}", names.ToString())|};
                    {|#2:logger.LogError("Claims {Claims}", identity.Claims)|};
                }
            }
            """,
            Logged(0, IdentityClaims, "LoggerExtensions.LogError"),
            Logged(1, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogError"),
            Logged(2, IdentityClaims, "LoggerExtensions.LogError"));

    [Fact]
    public Task A_collection_typed_by_an_interface_may_print_its_elements_when_the_project_declares_such_a_collection() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ClaimList : System.Collections.Generic.List<Claim>
            {
                public override string ToString() => string.Join(", ", this);
            }

            public sealed class TokenMiddleware(ILogger<TokenMiddleware> logger)
            {
                public void Validated(ClaimsIdentity identity)
                {
                    {|#0:logger.LogError("No user id in claims {Claims}", identity.Claims.ToString())|};
                }
            }
            """,
            Logged(0, IdentityClaims, "LoggerExtensions.LogError"));

    [Fact]
    public Task A_whole_principal_or_identity_destructured_by_a_structured_logger_writes_every_claim() =>
        V.WithLibrariesAsync(Usings + """
            public sealed class AccountController(ILogger<AccountController> logger) : Microsoft.AspNetCore.Mvc.Controller
            {
                public void SignIn()
                {
                    var user = User as ClaimsPrincipal;
                    {|#0:logger.LogInformation("----- User {@User} authenticated into {AppName}", user, "WebMVC")|};
                    {|#1:Serilog.Log.Information("Identity {@Identity}", User.Identity)|};
                    logger.LogInformation("User {User} authenticated into {@App}", user, new { Name = "WebMVC" });
                    logger.LogInformation("Subject {@Id}", User.FindFirstValue("sub"));
                    logger.LogInformation("Signed in: {@Authenticated}", User.Identity?.IsAuthenticated);
                    Serilog.Log.Information("Principal {Principal}", user);
                }
            }
            """,
            Logged(0, "ClaimsPrincipal.Claims (contact.email), ClaimsPrincipal.Claims (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, IdentityClaims, "Log.Information"));

    [Fact]
    public Task A_base_call_runs_the_frameworks_own_body_not_the_overrides_in_the_project() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ProfilePage(ILogger<ProfilePage> logger) : Microsoft.AspNetCore.Components.ComponentBase
            {
                public ApplicationUser Account { get; set; } = new();

                protected override Task OnInitializedAsync()
                {
                    {|#0:logger.LogInformation("Profile of {Email}", Account.Email)|};
                    return base.OnInitializedAsync();
                }
            }

            public sealed class ErrorPage(ILogger<ErrorPage> logger) : Microsoft.AspNetCore.Components.ComponentBase
            {
                public string Message { get; set; } = "";

                protected override Task OnInitializedAsync()
                {
                    logger.LogError("Failed: {Message}", Message);
                    return base.OnInitializedAsync();
                }
            }

            public sealed class ResetPasswordPage : Microsoft.AspNetCore.Components.ComponentBase
            {
                private ApplicationUser? _user;

                protected override Task OnInitializedAsync()
                {
                    _user = new ApplicationUser { LockoutEnabled = true };
                    return base.OnInitializedAsync();
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_event_that_hides_ToString_is_logged_by_its_type_name() =>
        V.WithLibrariesAsync(Usings + User + """
            // BTCPay Server's events: "protected new virtual" hides object.ToString, so a formatter never calls it (nor
            // the overrides of it) and writes the type's name.
            public class UserEvent(ApplicationUser user)
            {
                public ApplicationUser User { get; } = user;

                protected new virtual string ToString() => $"User \"{User.Email}\" ({User.Id})";
            }

            public sealed class Updated(ApplicationUser user) : UserEvent(user)
            {
                protected override string ToString() => $"{base.ToString()} has been updated";
            }

            public sealed class Registered(ApplicationUser user)
            {
                public ApplicationUser User { get; } = user;

                public override string ToString() => $"Registered {User.Email}";
            }

            public sealed class EventAggregator(ILogger<EventAggregator> logger)
            {
                public void Publish<T>(T evt) where T : class => Publish(evt, typeof(T));

                public void Publish(object evt, Type type) =>
                    logger.LogInformation("{0}", string.IsNullOrEmpty(evt?.ToString()) ? type.Name : evt.ToString());

                public void Update(ApplicationUser user) => Publish(new Updated(user));

                public void Register(ApplicationUser user) => {|#0:Publish(new Registered(user))|};
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "EventAggregator.Publish → EventAggregator.Publish → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_record_prints_its_members_not_the_entity_graph_it_was_built_from() =>
        V.WithLibrariesAsync(Usings + User + """
            // BTCPay Server's pending-transaction event: a record whose entity member prints its type's name.
            public sealed class Store { public ApplicationUser Owner { get; set; } = null!; }

            public sealed class PendingTransaction
            {
                public string Id { get; set; } = "";
                public Store Store { get; set; } = new();
            }

            public record TransactionEvent
            {
                public PendingTransaction Data { get; set; } = null!;
                public string? SignerUserId { get; set; }
            }

            public record SignerEvent(string Email);

            public record WalletCreated(PendingTransaction Setup)
            {
                public override string ToString() => nameof(WalletCreated);
            }

            public record Envelope(object Payload);

            public sealed class Events(ILogger<Events> logger)
            {
                public void Signed(ApplicationUser signer)
                {
                    logger.LogInformation("{Event}", new TransactionEvent { Data = Pending(signer), SignerUserId = signer.Id });
                    logger.LogInformation("{Event}", new WalletCreated(Pending(signer)));
                    {|#0:logger.LogInformation("{Event}", new SignerEvent(signer.Email!))|};
                    {|#1:logger.LogInformation("{Event}", new Envelope(signer))|};
                }

                private static PendingTransaction Pending(ApplicationUser owner) => new() { Store = new Store { Owner = owner } };
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task What_a_page_holds_is_not_in_the_messages_the_framework_makes_for_it() =>
        V.WithLibrariesAsync(Usings + User + """
            // What Razor generates for a page whose model (a survey with the names of those who answered) sets its title:
            // the page declares its ViewData, which then holds whatever the title carried; the guard of a link's route
            // value is the framework's text, and so is the value buffered from the attribute it writes.
            public sealed class SurveyModel
            {
                public string Title { get; set; } = "";
            }

            public sealed class SurveyPage : Microsoft.AspNetCore.Mvc.Razor.RazorPage<SurveyModel>
            {
                private Microsoft.AspNetCore.Mvc.TagHelpers.AnchorTagHelper __anchor = null!;
                private string __tagHelperStringValueBuffer = null!;

                public Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<SurveyModel> ViewData =>
                    (Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<SurveyModel>)ViewContext?.ViewData!;

                public ILogger<SurveyPage> Logger { get; set; } = null!;

                public ApplicationUser Respondent { get; set; } = null!;

                public override async Task ExecuteAsync()
                {
                    ViewData["Title"] = Respondent.DisplayName;
                    __anchor = CreateTagHelper<Microsoft.AspNetCore.Mvc.TagHelpers.AnchorTagHelper>();
                    if (__anchor.RouteValues == null)
                    {
                        throw new InvalidOperationException(InvalidTagHelperIndexerAssignment("asp-route-id", "AnchorTagHelper", "RouteValues"));
                    }

                    BeginWriteTagHelperAttribute();
                    WriteLiteral(Respondent.Id);
                    __tagHelperStringValueBuffer = EndWriteTagHelperAttribute();
                    Logger.LogDebug("Route value {Id}", __tagHelperStringValueBuffer);
                    await Task.CompletedTask;
                }
            }

            // A collection answers with what it keeps, whoever asks.
            public sealed class Recipients(ILogger<Recipients> logger) : System.Collections.Generic.List<string>
            {
                public void Invite(ApplicationUser user)
                {
                    Add(user.Email!);
                    {|#0:logger.LogInformation("Inviting {Recipients}", string.Join(", ", ToArray()))|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_razor_page_that_writes_a_user_is_not_itself_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            // What Razor generates for a table of users with a link per row: the page writes the name, and the link's
            // route value is the id; the generated guard's message is the framework's text.
            public sealed class UsersPage : Microsoft.AspNetCore.Mvc.Razor.RazorPage<ApplicationUser[]>
            {
                public override async Task ExecuteAsync()
                {
                    foreach (var user in Model)
                    {
                        Write(user.UserName);
                        if (user.Id == null)
                        {
                            throw new InvalidOperationException(InvalidTagHelperIndexerAssignment("asp-route-id", "AnchorTagHelper", "RouteValues"));
                        }
                    }

                    await Task.CompletedTask;
                }
            }

            // A layout that writes the signed-in user's name in a tag helper's body, with a conditional access (the
            // page is captured before the call), then guards a form's route value.
            public sealed class AdminLayout : Microsoft.AspNetCore.Mvc.Razor.RazorPage<dynamic>
            {
                public override async Task ExecuteAsync()
                {
                    Func<Task> body = async () =>
                    {
                        Write(User.Identity?.Name);
                        if (Model == null)
                        {
                            throw new InvalidOperationException(InvalidTagHelperIndexerAssignment("asp-route-returnUrl", "FormTagHelper", "RouteValues"));
                        }

                        await Task.CompletedTask;
                    };
                    await body();
                }
            }

            // A collection keeps what it is given, whoever adds it.
            public sealed class Recipients(ILogger<Recipients> logger) : System.Collections.Generic.List<string>
            {
                public void Invite(ApplicationUser user)
                {
                    Add(user.Email!);
                    {|#0:logger.LogInformation("Inviting {Recipients}", this)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Identity_email_sender_is_a_third_party() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class AccountService(IEmailSender<ApplicationUser> sender)
            {
                public Task Confirm(ApplicationUser user, string link) =>
                    {|#0:sender.SendConfirmationLinkAsync(user, user.Email!, link)|};

                public Task Anonymous(string email, string link) => sender.SendPasswordResetLinkAsync(null!, email, link);
            }
            """,
            Shared(0, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "an e-mail recipient", "IEmailSender.SendConfirmationLinkAsync"));

    [Theory]
    // The interface is given the quiet sender; the logging one is wired only as itself (a page's @inject of the class).
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.AddScoped<LoggingSender>();", false)]
    [InlineData("services.TryAddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.AddScoped(typeof(LoggingSender));", false)]
    // Either may be given: each registration counts, by generic arguments or by typeof.
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.AddScoped<IEmailSender<ApplicationUser>, LoggingSender>();", true)]
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.AddScoped(typeof(IEmailSender<ApplicationUser>), typeof(LoggingSender));", true)]
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.Add(new ServiceDescriptor(typeof(IEmailSender<ApplicationUser>), typeof(LoggingSender), ServiceLifetime.Scoped)); services.AddScoped<LoggingSender>();", true)]
    // A factory or an instance may give any implementation; a registration whose service the code does not name may be
    // the interface's.
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>>(sp => new QuietSender()); services.AddScoped<LoggingSender>();", true)]
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>>(new QuietSender()); services.AddScoped<LoggingSender>();", true)]
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.AddScoped<LoggingSender>(); services.AddSingleton(sp => Pick(sp));", true)]
    // Nothing registered here (another project's extension, or no container): every implementation may be reached.
    [InlineData("", true)]
    public Task A_call_through_an_interface_reaches_only_the_implementations_the_container_may_give_for_it(string registrations, bool reached)
    {
        var source = Usings + """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            """ + User + TwoSenders + """
            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    REGISTRATIONS
                }

                private static IEmailSender<ApplicationUser> Pick(IServiceProvider services) => services.GetRequiredService<LoggingSender>();
            }

            public sealed class ManageEmail(IEmailSender<ApplicationUser> sender)
            {
                public Task Change(ApplicationUser user, string link) => {|#1:sender.SendConfirmationLinkAsync(user, user.Email!, link)|};
            }

            public sealed class RegisterPage(LoggingSender sender)
            {
                public Task Register(ApplicationUser user, string link) => {|#0:sender.SendConfirmationLinkAsync(user, user.Email!, link)|};
            }
            """.Replace("REGISTRATIONS", registrations, StringComparison.Ordinal);
        var own = Logged(0, "IdentityUser.Email (contact.email)", "LoggingSender.SendConfirmationLinkAsync → LoggerExtensions.LogInformation");
        return reached
            ? V.WithLibrariesAsync(source, own, Logged(1, "IdentityUser.Email (contact.email)", "IEmailSender.SendConfirmationLinkAsync → LoggerExtensions.LogInformation"))
            : V.WithLibrariesAsync(source, own);
    }

    [Theory]
    // MoatazAl/TravelAgency: a sender left beside the one Program.cs registers, never registered and never named.
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>();", "", false)]
    // Named outside its own declaration (created, a type argument, typeof): it may be handed over as the interface.
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>();", "public static object Make(ILogger<LoggingSender> logger) => new LoggingSender(logger);", true)]
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>();", "public static Type Kind => typeof(LoggingSender);", true)]
    // Registered by assembly scanning, which names no type.
    [InlineData("services.AddSingleton<IEmailSender<ApplicationUser>, QuietSender>(); services.Scan();", "", true)]
    // The interface not registered here: any implementation may be given.
    [InlineData("", "", true)]
    public Task An_implementation_the_project_never_registers_or_names_is_not_reached_through_a_registered_interface(string registrations, string elsewhere, bool reached)
    {
        var source = Usings + """
            using Microsoft.Extensions.DependencyInjection;

            """ + User + TwoSenders + """
            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    REGISTRATIONS
                }

                public static void Scan(this IServiceCollection services)
                {
                }

                ELSEWHERE
            }

            public sealed class ManageEmail(IEmailSender<ApplicationUser> sender)
            {
                public Task Change(ApplicationUser user, string link) => {|#0:sender.SendConfirmationLinkAsync(user, user.Email!, link)|};
            }
            """.Replace("REGISTRATIONS", registrations, StringComparison.Ordinal).Replace("ELSEWHERE", elsewhere, StringComparison.Ordinal);
        return reached
            ? V.WithLibrariesAsync(source, Logged(0, "IdentityUser.Email (contact.email)", "IEmailSender.SendConfirmationLinkAsync → LoggerExtensions.LogInformation"))
            : V.WithLibrariesAsync(source);
    }

    [Fact]
    public Task Identity_email_sender_implemented_in_the_project_is_followed_into_its_implementation() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class NoOpEmailSender : IEmailSender<ApplicationUser>
            {
                private readonly Microsoft.AspNetCore.Identity.UI.Services.IEmailSender _sender;

                public NoOpEmailSender(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender sender) => _sender = sender;

                public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
                    _sender.SendEmailAsync(email, "Confirm your email", $"<a href='{confirmationLink}'>Confirm</a>");

                // Reported here, where the user's name is read and sent.
                public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
                    {|#1:_sender.SendEmailAsync(email, "Reset your password", $"Hello {user.DisplayName}, <a href='{resetLink}'>reset</a>")|};

                public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) => Task.CompletedTask;
            }

            public sealed class AccountService(IEmailSender<ApplicationUser> sender)
            {
                // The implementation writes the address it is given and the link, not the user: the address handed to
                // Identity as the user's is the user's e-mail, whichever string holds it.
                public Task Register(ApplicationUser user, string formEmail, string link) => {|#3:sender.SendConfirmationLinkAsync(user, formEmail, link)|};

                public Task Confirm(ApplicationUser user, string link) =>
                    {|#0:sender.SendConfirmationLinkAsync(user, user.Email!, link)|};

                public Task Reset(ApplicationUser user, string formEmail, string link) => {|#4:sender.SendPasswordResetLinkAsync(user, formEmail, link)|};
            }

            // The implementation injected as itself (a Blazor page's @inject NoOpEmailSender): its body says what it sends,
            // and a method that sends nothing sends nothing.
            public sealed class AccountPage(NoOpEmailSender sender)
            {
                public Task Reset(ApplicationUser user, string formEmail, string link) => {|#5:sender.SendPasswordResetLinkAsync(user, formEmail, link)|};

                public Task Code(ApplicationUser user, string code) => sender.SendPasswordResetCodeAsync(user, user.Email!, code);
            }

            // Implemented in another project for its own user type: Identity's sender, as the catalog says.
            public sealed class SiteUser : IdentityUser;

            public sealed class SiteAccounts(IEmailSender<SiteUser> sender)
            {
                public Task Register(SiteUser user, string formEmail, string link) =>
                    {|#2:sender.SendConfirmationLinkAsync(user, formEmail, link)|};
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendConfirmationLinkAsync → IEmailSender.SendEmailAsync"),
            Shared(1, "ApplicationUser.DisplayName (personal data)", "an e-mail recipient", "IEmailSender.SendEmailAsync"),
            Shared(2, "IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone), IdentityUser.UserName (identity.name)", "an e-mail recipient", "IEmailSender.SendConfirmationLinkAsync"),
            Shared(3, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendConfirmationLinkAsync → IEmailSender.SendEmailAsync"),
            Shared(4, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendPasswordResetLinkAsync → IEmailSender.SendEmailAsync"),
            Shared(5, "IdentityUser.Email (contact.email)", "an e-mail recipient", "NoOpEmailSender.SendPasswordResetLinkAsync → IEmailSender.SendEmailAsync"));

    [Fact]
    public Task Identitys_no_op_email_sender_sends_nothing() =>
        V.WithLibrariesAsync("using Microsoft.AspNetCore.Identity.UI.Services;\n" + Usings + User + TemplateNoOpSender + """

            // A field that starts as the no-op sender but is given a real one may send.
            public sealed class SwitchableSender
            {
                private IEmailSender _sender = new NoOpEmailSender();

                public void Use(IEmailSender sender) => _sender = sender;

                public Task Send(ApplicationUser user) => {|#1:_sender.SendEmailAsync(user.Email!, "Hello", "")|};
            }

            public sealed class EmailPage(IEmailSender<ApplicationUser> sender)
            {
                public async Task Verify(ApplicationUser user, string link)
                {
                    await sender.SendConfirmationLinkAsync(user, user.Email!, link);
                    await sender.SendPasswordResetLinkAsync(user, user.Email!, link);
                }
            }

            public sealed class RealSender(IEmailSender sender)
            {
                public Task Send(ApplicationUser user) => {|#0:sender.SendEmailAsync(user.Email!, "Hello", "")|};
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendEmailAsync"),
            Shared(1, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendEmailAsync"));

    [Fact]
    public Task Identitys_no_op_email_sender_sends_nothing_though_the_project_implements_its_interface() =>
        V.WithLibrariesAsync("using Microsoft.AspNetCore.Identity.UI.Services;\n" + Usings + User + TemplateNoOpSender + """
            // The template's sender left in place, beside the project's own IEmailSender that the rest of the site uses.

            public sealed class LoggingSender(ILogger<LoggingSender> logger) : IEmailSender
            {
                public Task SendEmailAsync(string email, string subject, string htmlMessage)
                {
                    logger.LogInformation("Mail to {Email}", email);
                    return Task.CompletedTask;
                }
            }

            public sealed class EmailPage(IEmailSender<ApplicationUser> sender)
            {
                public async Task Verify(ApplicationUser user, string link)
                {
                    await sender.SendConfirmationLinkAsync(user, user.Email!, link);
                    await sender.SendPasswordResetLinkAsync(user, user.Email!, link);
                }
            }

            public sealed class TicketPage(IEmailSender sender)
            {
                public Task Resolved(ApplicationUser user) => {|#0:sender.SendEmailAsync(user.Email!, "Resolved", "")|};
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "IEmailSender.SendEmailAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_primary_constructor_keeps_every_parameter_whatever_it_passes_to_its_base_and_a_record_each_in_its_property() =>
        V.WithLibrariesAsync(Usings + User + """
            public record Notice(string Link);

            public sealed record Welcome(string Email, string Link) : Notice(Link);

            public record UserNotice(string UserName);

            public sealed record Reset(string Email, string UserName) : UserNotice(UserName);

            public class Message(string subject)
            {
                public string Subject { get; } = subject;
            }

            public sealed class Mail(string to, string subject) : Message(subject)
            {
                public string To { get; } = to;
            }

            public sealed class Notices(ILogger<Notices> logger)
            {
                public void Run(ApplicationUser user, string link)
                {
                    {|#0:logger.LogInformation("Sending {Welcome}", new Welcome(user.Email!, link))|};
                    var mail = new Mail(user.Email!, "Welcome");
                    {|#1:logger.LogInformation("Mail to {To}", mail.To)|};
                    logger.LogInformation("Link {Link}", new Notice(link));
                    var reset = new Reset(user.Email!, user.UserName!);
                    {|#2:logger.LogInformation("Reset for {Email}", reset.Email)|};
                    {|#3:logger.LogInformation("Reset for {User}", reset.UserName)|};
                    var welcome = new Welcome(user.Email!, link);
                    logger.LogInformation("Link {Link}", welcome.Link);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(3, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Stripes_customers_checkout_sessions_and_payment_intents_are_third_parties() =>
        V.WithLibrariesAsync(Usings + "using Stripe;\n" + User + """
            // As SpaBooker's payment service opens a checkout for the signed-in client.
            public sealed class Payments
            {
                public async Task<string> Checkout(ApplicationUser client, long amount)
                {
                    var options = new Stripe.Checkout.SessionCreateOptions
                    {
                        CustomerEmail = client.Email,
                        Mode = "payment",
                        SuccessUrl = "https://spa.example/paid",
                    };
                    var session = await {|#0:new Stripe.Checkout.SessionService().CreateAsync(options)|};
                    return session.Url;
                }

                public async Task<string> Customer(ApplicationUser client)
                {
                    var customer = {|#1:new CustomerService().Create(new CustomerCreateOptions { Email = client.Email, Name = client.DisplayName })|};
                    await {|#2:new PaymentIntentService().CreateAsync(new PaymentIntentCreateOptions { Amount = 500, Currency = "usd", Customer = customer.Id, ReceiptEmail = client.Email })|};

                    // Nothing of the client's: the amount, the currency, the customer Stripe itself made.
                    await new PaymentIntentService().CreateAsync(new PaymentIntentCreateOptions { Amount = 500, Currency = "usd", Customer = customer.Id });
                    await new CustomerService().GetAsync(customer.Id);
                    return customer.Id;
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "SessionService.CreateAsync"),
            Shared(1, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email)", "an HTTP endpoint", "CustomerService.Create"),
            Shared(2, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "PaymentIntentService.CreateAsync"));

    [Fact]
    public Task Mailjets_transactional_mail_and_requests_are_third_parties_behind_the_projects_own_sender() =>
        V.WithLibrariesAsync(Usings + """
            using Mailjet.Client;
            using Mailjet.Client.TransactionalEmails;
            using Newtonsoft.Json.Linq;
            """ + User + """

            // Mailjet's package is not among the tests' references: its client as it is declared (extern: no body here, as
            // in a referenced assembly).
            namespace Mailjet.Client
            {
                public sealed class MailjetResponse;

                public sealed class MailjetRequest
                {
                    public string Resource { get; set; } = "";

                    public extern MailjetRequest Property(string key, object value);
                }

                public interface IMailjetClient
                {
                    Task<MailjetResponse> GetAsync(MailjetRequest request);

                    Task<MailjetResponse> PostAsync(MailjetRequest request);

                    Task<MailjetResponse> SendTransactionalEmailAsync(TransactionalEmails.TransactionalEmail email, bool isSandboxMode = false, bool advanceErrorHandling = true);
                }
            }

            namespace Mailjet.Client.TransactionalEmails
            {
                public sealed class SendContact
                {
                    public extern SendContact(string email, string? name = null);
                }

                public sealed class TransactionalEmail;

                public sealed class TransactionalEmailBuilder
                {
                    public extern TransactionalEmailBuilder WithFrom(SendContact from);

                    public extern TransactionalEmailBuilder WithSubject(string subject);

                    public extern TransactionalEmailBuilder WithHtmlPart(string html);

                    public extern TransactionalEmailBuilder WithTo(SendContact to);

                    public extern TransactionalEmail Build();
                }
            }

            // The project's own Identity sender, as a site on Mailjet writes it.
            public sealed class MailjetSender(IMailjetClient client) : Microsoft.AspNetCore.Identity.UI.Services.IEmailSender
            {
                public async Task SendEmailAsync(string email, string subject, string htmlMessage)
                {
                    var message = new TransactionalEmailBuilder()
                        .WithFrom(new SendContact("noreply@example.invalid", "Example"))
                        .WithSubject(subject)
                        .WithHtmlPart(htmlMessage)
                        .WithTo(new SendContact(email))
                        .Build();
                    await client.SendTransactionalEmailAsync(message);
                }
            }

            // The older form: a request to the send resource, its messages as Json.NET objects.
            public sealed class LegacyMailjetSender(IMailjetClient client)
            {
                public Task SendAsync(string email, string subject, string html) =>
                    client.PostAsync(new MailjetRequest { Resource = "send" }.Property("Messages", new JArray
                    {
                        new JObject
                        {
                            { "From", new JObject { { "Email", "noreply@example.invalid" } } },
                            { "To", new JArray { new JObject { { "Email", email } } } },
                            { "Subject", subject },
                            { "HTMLPart", html },
                        },
                    }));
            }

            public sealed class Accounts(Microsoft.AspNetCore.Identity.UI.Services.IEmailSender sender, IMailjetClient client, LegacyMailjetSender legacy)
            {
                public Task Remind(ApplicationUser user) => {|#2:legacy.SendAsync(user.Email!, "Reminder", "You have items waiting")|};

                public Task Digest(string html) => legacy.SendAsync("list@example.invalid", "Digest", html);

                public Task Confirm(ApplicationUser user, string link) => {|#0:sender.SendEmailAsync(user.Email!, "Confirm your account", link)|};

                public Task Announce(string body) => sender.SendEmailAsync("list@example.invalid", "News", body);

                public Task Subscribe(ApplicationUser user) => {|#1:client.PostAsync(new MailjetRequest { Resource = "contact" }.Property("Email", user.Email!))|};

                public Task Lookup(string list) => client.GetAsync(new MailjetRequest { Resource = "contactslist" }.Property("Name", list));
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendEmailAsync → IMailjetClient.SendTransactionalEmailAsync"),
            Shared(1, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "IMailjetClient.PostAsync"),
            Shared(2, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "LegacyMailjetSender.SendAsync → IMailjetClient.PostAsync"));

    [Fact]
    public Task Resends_mail_is_a_third_party_behind_the_projects_own_sender() =>
        // khalilousrhihF2I/SailingLoc-Back: the infrastructure project's mail service sends through Resend's IResend, to
        // the user's address set in the message's initializer or added to its list after; the booking service hands it the
        // owner's address. Resend's package is not among the tests' references: its client as it is declared (extern: no
        // body here, as in a referenced assembly).
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\nusing System.Threading;\nusing Resend;\n" + User + """
            namespace Resend
            {
                public sealed class EmailAddressList : List<string>
                {
                    public static extern EmailAddressList From(params string[] emails);
                }

                public sealed class EmailMessage
                {
                    public string From { get; set; } = "";
                    public EmailAddressList To { get; set; } = new();
                    public string Subject { get; set; } = "";
                    public string? HtmlBody { get; set; }
                }

                public sealed class ResendResponse;

                public interface IResend
                {
                    Task<ResendResponse> EmailSendAsync(EmailMessage email, CancellationToken cancellationToken = default);

                    Task<ResendResponse> EmailBatchAsync(IEnumerable<EmailMessage> emails, CancellationToken cancellationToken = default);
                }
            }

            public sealed class Mails(IResend resend)
            {
                public Task Reset(ApplicationUser user, string link) =>
                    {|#0:resend.EmailSendAsync(new EmailMessage { From = "noreply@example.invalid", To = EmailAddressList.From(user.Email!), Subject = "Reset", HtmlBody = link })|};

                public Task Notify(IEnumerable<string> recipients, string boat)
                {
                    var message = new EmailMessage { From = "noreply@example.invalid", Subject = "Booked", HtmlBody = boat };
                    message.To.AddRange(recipients);
                    return resend.EmailBatchAsync(new[] { message });
                }

                public Task Digest(string html) => resend.EmailSendAsync(new EmailMessage { To = EmailAddressList.From("list@example.invalid"), HtmlBody = html });
            }

            public sealed class Bookings(Mails mails)
            {
                public Task Book(ApplicationUser owner, string boat) => {|#1:mails.Notify(new List<string> { owner.Email! }, boat)|};
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IResend.EmailSendAsync"),
            Shared(1, "IdentityUser.Email (contact.email)", "an e-mail recipient", "Mails.Notify → IResend.EmailBatchAsync"));

    [Fact]
    public Task A_call_through_a_constructed_generic_type_runs_only_the_implementations_of_that_type() =>
        V.WithLibrariesAsync(Usings + User + """
            public abstract class Mapper<TSource, TDestination>
            {
                public abstract TDestination Map(TSource source);
            }

            public interface IReader<T>
            {
                T Read(int id);
            }

            public sealed class SignupForm
            {
                public string Email { get; set; } = "";
            }

            public sealed class OrderForm
            {
                public string Sku { get; set; } = "";
                public int Quantity { get; set; }
            }

            public sealed class Order
            {
                public string Sku { get; set; } = "";
                public int Quantity { get; set; }
            }

            // A mapper per pair of types, as Clean Architecture projects write them; only one of them makes a user.
            internal sealed class SignupMapper : Mapper<SignupForm, ApplicationUser>
            {
                public override ApplicationUser Map(SignupForm source) => new ApplicationUser { Email = source.Email, UserName = source.Email };
            }

            internal sealed class OrderMapper : Mapper<OrderForm, Order>
            {
                public override Order Map(OrderForm source) => new Order { Sku = source.Sku, Quantity = source.Quantity };
            }

            internal sealed class UserReader : IReader<ApplicationUser>
            {
                public ApplicationUser Read(int id) => new ApplicationUser { Email = "user" + id + "@example.invalid" };
            }

            internal sealed class OrderReader : IReader<Order>
            {
                public Order Read(int id) => new Order { Sku = "SKU-" + id };
            }

            public sealed class Checkout(Mapper<OrderForm, Order> orders, Mapper<SignupForm, ApplicationUser> signups, IReader<Order> stored, IReader<ApplicationUser> users, ILogger<Checkout> logger)
            {
                public void Place(OrderForm form)
                {
                    var order = orders.Map(form);
                    logger.LogInformation("Order {Sku} x{Quantity}", order.Sku, order.Quantity);
                    var again = stored.Read(7);
                    logger.LogInformation("Reordered {Sku}", again.Sku);
                }

                public void Register(SignupForm form, int id)
                {
                    var user = signups.Map(form);
                    {|#0:logger.LogInformation("Signed up {Email}", user.Email)|};
                    var known = users.Read(id);
                    {|#1:logger.LogInformation("Known {Email}", known.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_call_through_a_constructed_base_service_runs_its_body_and_only_the_overrides_of_that_type() =>
        V.WithLibrariesAsync(Usings + User + """
            public interface IBaseService<TEntity, TCreate>
            {
                Task<int> CreateAsync(TCreate create);
            }

            // A generic CRUD service, as many projects write one: it logs the entity's type, never what it is given.
            public class BaseService<TEntity, TCreate>(ILogger logger) : IBaseService<TEntity, TCreate>
            {
                public virtual Task<int> CreateAsync(TCreate create)
                {
                    logger.LogInformation("Creating a {Type}", typeof(TEntity).Name);
                    return Task.FromResult(1);
                }
            }

            public sealed class Project { public int Id { get; set; } }

            public sealed class Member { public int Id { get; set; } }

            public sealed class CreateProject
            {
                public string Name { get; set; } = "";
                public string CreatedBy { get; set; } = "";
            }

            public sealed class CreateMember
            {
                public string Email { get; set; } = "";
            }

            public interface IProjectService : IBaseService<Project, CreateProject> { }

            public interface IMemberService : IBaseService<Member, CreateMember> { }

            public sealed class ProjectService(ILogger<ProjectService> logger) : BaseService<Project, CreateProject>(logger), IProjectService { }

            // Only the members' service overrides the base, and it logs what it is given.
            public sealed class MemberService(ILogger<MemberService> logger) : BaseService<Member, CreateMember>(logger), IMemberService
            {
                private readonly ILogger _log = logger;

                public override Task<int> CreateAsync(CreateMember create)
                {
                    _log.LogInformation("Creating member {Email}", create.Email);
                    return base.CreateAsync(create);
                }
            }

            public sealed class Endpoints(IProjectService projects, BaseService<Project, CreateProject> direct, IMemberService members)
            {
                public Task<int> CreateProject(ClaimsPrincipal principal, CreateProject create)
                {
                    create.CreatedBy = principal.FindFirstValue(ClaimTypes.Email)!;
                    return projects.CreateAsync(create);
                }

                public Task<int> CreateDirectly(ClaimsPrincipal principal, CreateProject create)
                {
                    create.CreatedBy = principal.FindFirstValue(ClaimTypes.Email)!;
                    return direct.CreateAsync(create);
                }

                public Task<int> Invite(ClaimsPrincipal principal)
                {
                    var create = new CreateMember { Email = principal.FindFirstValue(ClaimTypes.Email)! };
                    return {|#0:members.CreateAsync(create)|};
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "IBaseService.CreateAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_base_call_runs_the_base_body_not_the_other_overrides() =>
        V.WithLibrariesAsync(Usings + User + """
            public class Notifier(ILogger logger)
            {
                protected ILogger Logger { get; } = logger;

                public virtual Task NotifyAsync(string address, int orderId)
                {
                    Logger.LogInformation("Order {OrderId} notified", orderId);
                    return Task.CompletedTask;
                }
            }

            public sealed class MailNotifier(ILogger<MailNotifier> logger) : Notifier(logger)
            {
                public override Task NotifyAsync(string address, int orderId)
                {
                    Logger.LogInformation("Mailing {Address}", address);
                    return Task.CompletedTask;
                }
            }

            public sealed class TextNotifier(ILogger<TextNotifier> logger) : Notifier(logger)
            {
                public override Task NotifyAsync(string address, int orderId) => base.NotifyAsync(address, orderId);
            }

            public sealed class Orders(TextNotifier texts, MailNotifier mails)
            {
                public Task Text(ClaimsPrincipal principal) => texts.NotifyAsync(principal.FindFirstValue(ClaimTypes.Email)!, 7);

                public Task Mail(ClaimsPrincipal principal) => {|#0:mails.NotifyAsync(principal.FindFirstValue(ClaimTypes.Email)!, 7)|};
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "MailNotifier.NotifyAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_call_runs_only_what_a_value_of_its_receivers_type_can_run() =>
        V.WithLibrariesAsync(Usings + User + """
            public interface IExporter
            {
                Task ExportAsync(string owner, int id);
            }

            public interface ICsvExporter : IExporter { }

            public abstract class Exporter(ILogger logger) : IExporter
            {
                protected ILogger Logger { get; } = logger;

                public virtual Task ExportAsync(string owner, int id)
                {
                    Logger.LogInformation("Export {Id}", id);
                    return Task.CompletedTask;
                }
            }

            // Neither class nor interface is generic: only the receiver's type tells the two apart.
            public sealed class CsvExporter(ILogger<CsvExporter> logger) : Exporter(logger), ICsvExporter { }

            public sealed class AuditExporter(ILogger<AuditExporter> logger) : Exporter(logger)
            {
                public override Task ExportAsync(string owner, int id)
                {
                    Logger.LogInformation("Export {Id} for {Owner}", id, owner);
                    return Task.CompletedTask;
                }
            }

            public sealed class Jobs(CsvExporter csv, ICsvExporter csvService, AuditExporter audit, Exporter any, IExporter anyService)
            {
                public async Task Run(ClaimsPrincipal principal)
                {
                    var email = principal.FindFirstValue(ClaimTypes.Email)!;
                    await csv.ExportAsync(email, 1);
                    await csvService.ExportAsync(email, 2);
                    await {|#0:audit.ExportAsync(email, 3)|};
                    await {|#1:any.ExportAsync(email, 4)|};
                    await {|#2:anyService.ExportAsync(email, 5)|};
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "AuditExporter.ExportAsync → LoggerExtensions.LogInformation"),
            Logged(1, "claim ClaimTypes.Email (contact.email)", "Exporter.ExportAsync → LoggerExtensions.LogInformation"),
            Logged(2, "claim ClaimTypes.Email (contact.email)", "IExporter.ExportAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_override_of_a_generic_base_runs_for_its_own_type_argument_though_it_does_not_declare_the_interface() =>
        V.WithLibrariesAsync(Usings + User + """
            public interface IRepository<T>
            {
                Task AddAsync(T item, string addedBy);
            }

            public class Repository<T>(ILogger logger) : IRepository<T>
            {
                protected ILogger Logger { get; } = logger;

                public virtual Task AddAsync(T item, string addedBy)
                {
                    Logger.LogInformation("Added a {Type}", typeof(T).Name);
                    return Task.CompletedTask;
                }
            }

            public sealed class Order { public int Id { get; set; } }

            public sealed class Invoice { public int Id { get; set; } }

            // The interface comes with the base class: a call through IRepository<Order> is mapped to the base's method
            // and runs this override.
            public sealed class OrderRepository(ILogger<OrderRepository> logger) : Repository<Order>(logger)
            {
                public override Task AddAsync(Order item, string addedBy)
                {
                    Logger.LogInformation("Order {Id} added by {AddedBy}", item.Id, addedBy);
                    return Task.CompletedTask;
                }
            }

            public sealed class InvoiceRepository(ILogger<InvoiceRepository> logger) : Repository<Invoice>(logger) { }

            public sealed class Checkout(IRepository<Order> orders, IRepository<Invoice> invoices)
            {
                public async Task Place(ClaimsPrincipal principal, Order order, Invoice invoice)
                {
                    var email = principal.FindFirstValue(ClaimTypes.Email)!;
                    await {|#0:orders.AddAsync(order, email)|};
                    await invoices.AddAsync(invoice, email);
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "IRepository.AddAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task What_a_mapper_makes_an_Identity_user_of_is_that_users_data_in_its_caller() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed record Email(string Value);

            public sealed record Username(string Value);

            // A domain user that nothing marks, mapped into Identity's user by a mapper of its own.
            public sealed class Account(Email email, Username username, int role)
            {
                public Email Email { get; } = email;
                public Username Username { get; } = username;
                public int Role { get; } = role;
            }

            public abstract class Mapper<TSource, TDestination>
            {
                public abstract TDestination Map(TSource source);
            }

            internal sealed class AccountMapper : Mapper<Account, ApplicationUser>
            {
                public override ApplicationUser Map(Account source) => new ApplicationUser { Email = source.Email.Value, UserName = source.Username.Value };
            }

            public sealed class RegisterHandler(Mapper<Account, ApplicationUser> mapper, UserManager<ApplicationUser> users, ILogger<RegisterHandler> logger)
            {
                public async Task Handle(Account account, string password)
                {
                    var identityUser = mapper.Map(account);
                    await users.CreateAsync(identityUser, password);
                    {|#0:logger.LogInformation("Registered {Username}", account.Username.Value)|};
                    logger.LogInformation("Registered with role {Role}", account.Role);
                }
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task What_a_callee_says_of_a_parameter_holds_for_a_callers_value_but_not_for_its_constant() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Accounts(UserManager<ApplicationUser> users)
            {
                public async Task<ApplicationUser> CreateAsync(string email, string displayName)
                {
                    var user = new ApplicationUser { UserName = email, Email = email, DisplayName = displayName };
                    await users.CreateAsync(user);
                    return user;
                }
            }

            public sealed class Seeder(Accounts accounts, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<Seeder> logger)
            {
                public async Task<string> SeedDemo()
                {
                    var demoEmail = "demo@example.invalid";
                    var demo = await accounts.CreateAsync(demoEmail, "Demo");
                    logger.LogInformation("Seeded {Email}", demoEmail);
                    return demo.Id;
                }

                public async Task<string> SeedAdmin()
                {
                    var adminEmail = configuration["Admin:Email"] ?? "";
                    var admin = await accounts.CreateAsync(adminEmail, "Administrator");
                    {|#0:logger.LogInformation("Seeded {Email}", adminEmail)|};
                    return admin.Id;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_password_a_callee_hands_to_Identity_is_a_secret_in_the_callee_only() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ResetForm
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public sealed class PasswordService(UserManager<ApplicationUser> users)
            {
                public Task<IdentityResult> Change(ApplicationUser user, string password) => users.AddPasswordAsync(user, password);
            }

            // What the callee says of its other parameters holds here; a password it hands to Identity does not: a
            // summary that reads a caller's object whole (a mail queue logging a message's recipients) would make each
            // sink of that object a secret's.
            public sealed class ResetPage(UserManager<ApplicationUser> users, PasswordService passwords, ILogger<ResetPage> logger)
            {
                public async Task Reset(ResetForm form)
                {
                    var user = await users.FindByEmailAsync(form.Email);
                    if (user == null)
                    {
                        return;
                    }

                    {|#0:logger.LogInformation("Resetting for {@Form}", form)|};
                    await passwords.Change(user, form.Password);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_form_whose_members_were_handed_to_Identity_carries_them_into_the_callee_that_mails_them() =>
        V.WithLibrariesAsync(Usings + "using System.Net.Mail;\n" + User + """
            public sealed class ForgotForm
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
                public int Attempts { get; set; }
            }

            public sealed class ForgotController(UserManager<ApplicationUser> users)
            {
                public async Task Forgot(ForgotForm forgot)
                {
                    forgot.Password = Guid.NewGuid().ToString().Substring(0, 8);
                    var user = await users.FindByEmailAsync(forgot.Email);
                    if (user == null)
                    {
                        return;
                    }

                    user.PasswordHash = users.PasswordHasher.HashPassword(user, forgot.Password);
                    await users.UpdateAsync(user);
                    {|#0:Mail(forgot)|};
                    Count(forgot);
                }

                // Reads the form's address and its new password.
                private static void Mail(ForgotForm forgot)
                {
                    var message = new MailMessage { From = new MailAddress("noreply@example.invalid"), Subject = "Reset" };
                    message.To.Add(forgot.Email);
                    message.Body = $"Your new password is {forgot.Password}";
                    new SmtpClient().Send(message);
                }

                // Reads neither: the count of attempts is no one's address.
                private static void Count(ForgotForm forgot)
                {
                    var message = new MailMessage("noreply@example.invalid", "ops@example.invalid", "Reset", $"Attempts: {forgot.Attempts}");
                    new SmtpClient().Send(message);
                }
            }
            """,
            Secret(0, "IPasswordHasher.HashPassword(password) (account.credentials)", "shared", "ForgotController.Mail → SmtpClient.Send"),
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "ForgotController.Mail → SmtpClient.Send"));

    [Fact]
    public Task A_local_read_from_a_form_and_handed_to_Identity_names_the_forms_member_wherever_the_page_reads_it() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class LoginForm
            {
                public string Login { get; set; } = "";
                public string ReturnUrl { get; set; } = "";
            }

            public sealed class LoginPage(UserManager<ApplicationUser> users, ILogger<LoginPage> logger)
            {
                public LoginForm? Input { get; set; }

                public async Task<ApplicationUser?> Post()
                {
                    {|#0:logger.LogInformation("Login attempt for {Login}", Input?.Login)|};
                    var login = Input!.Login.Trim();
                    var lookup = login;
                    var returnTo = Input.ReturnUrl;
                    logger.LogInformation("Returning to {Url}", returnTo);
                    var user = lookup.Contains('@') ? await users.FindByEmailAsync(lookup) : await users.FindByNameAsync(lookup);
                    if (user == null)
                    {
                        {|#1:logger.LogWarning("No account for {Login}", Input.Login)|};
                    }

                    return user;
                }

                // Another handler of the page reads the same member of the same form.
                public void Failed() => {|#2:logger.LogWarning("Failed login for {Login}", Input?.Login)|};

                // A local read from the form and never handed to Identity says nothing of it.
                public void Back()
                {
                    var url = Input?.ReturnUrl;
                    logger.LogInformation("Back to {Url}", url);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogWarning"),
            Logged(2, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task A_password_handed_to_BCrypt_is_the_password_wherever_the_method_reads_it_but_its_hash_is_not() =>
        V.WithLibrariesAsync(Usings + """
            public sealed class Member
            {
                public string Login { get; set; } = "";
                public string PasswordHash { get; set; } = "";
            }

            public sealed class LoginForm
            {
                public string Login { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public sealed class Accounts(ILogger<Accounts> logger)
            {
                public bool SignIn(LoginForm form, Member member)
                {
                    if (BCrypt.Net.BCrypt.Verify(form.Password, member.PasswordHash))
                    {
                        return true;
                    }

                    {|#0:logger.LogWarning("Wrong password {Password} for {Login}", form.Password, form.Login)|};
                    logger.LogDebug("Stored hash {Hash}", member.PasswordHash);
                    return false;
                }

                public Member Register(LoginForm form)
                {
                    {|#1:logger.LogDebug("Registering {Login} with {Password}", form.Login, form.Password)|};
                    var hash = BCrypt.Net.BCrypt.HashPassword(form.Password);
                    logger.LogDebug("Hashed to {Hash}", hash);
                    return new Member { Login = form.Login, PasswordHash = hash };
                }

                public void Change(Member member, string current, string next)
                {
                    member.PasswordHash = BCrypt.Net.BCrypt.ValidateAndReplacePassword(current, member.PasswordHash, next);
                    {|#2:logger.LogInformation("Changed from {Old} to {New}", current, next)|};
                }

                // A form's password never handed to the hasher is not known to be one.
                public void Audit(LoginForm form) => logger.LogDebug("Audit of {Login} {Password}", form.Login, form.Password);
            }
            """,
            Secret(0, "BCrypt.Verify(text) (account.credentials)", "logged", "LoggerExtensions.LogWarning"),
            Secret(1, "BCrypt.HashPassword(inputKey) (account.credentials)", "logged", "LoggerExtensions.LogDebug"),
            Secret(2, "BCrypt.ValidateAndReplacePassword(currentKey) (account.credentials), BCrypt.ValidateAndReplacePassword(newKey) (account.credentials)", "logged", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_result_its_factories_build_carries_in_each_member_only_what_that_member_was_given() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class SignedIn
            {
                public string UserName { get; set; } = "";
                public string Token { get; set; } = "";
            }

            public sealed class AuthResult
            {
                public bool Succeeded { get; set; }
                public SignedIn? Data { get; set; }
                public string? ErrorMessage { get; set; }
                public List<string>? Errors { get; set; }

                public static AuthResult Success(SignedIn data) => new() { Succeeded = true, Data = data };

                public static AuthResult Failure(string message, List<string>? errors = null) => new() { Succeeded = false, ErrorMessage = message, Errors = errors };
            }

            public sealed class AuthService(UserManager<ApplicationUser> users)
            {
                public async Task<AuthResult> Login(string email)
                {
                    var user = await users.FindByEmailAsync(email);
                    if (user == null)
                    {
                        return AuthResult.Failure("Invalid email or password", new List<string> { "INVALID_CREDENTIALS" });
                    }

                    return AuthResult.Success(new SignedIn { UserName = user.UserName!, Token = "t" });
                }
            }

            public sealed class AuthController(AuthService auth, ILogger<AuthController> logger)
            {
                public async Task<bool> Login(string attempt)
                {
                    var result = await auth.Login(attempt);
                    if (!result.Succeeded)
                    {
                        // The failure's message and codes are the service's own text.
                        logger.LogWarning("Login failed: {Message} {Errors}", result.ErrorMessage, result.Errors);
                        return false;
                    }

                    {|#0:logger.LogInformation("Signed in as {Name}", result.Data!.UserName)|};
                    return true;
                }
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_value_made_into_a_personal_claim_is_that_claim_wherever_the_method_and_its_callers_read_it() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            // The application's own account, with nothing marked: its sign-in says what its members are.
            public sealed class Account
            {
                public string Id { get; set; } = "";
                public string Email { get; set; } = "";
                public string DisplayName { get; set; } = "";
                public string Role { get; set; } = "";
                public string Plan { get; set; } = "";
                public string? Nickname { get; set; }
            }

            public static class AccountClaims
            {
                public static List<Claim> For(string email, string displayName, string accountId, string role) =>
                    new List<Claim>
                    {
                        new Claim(ClaimTypes.Email, email),
                        new Claim("name", displayName),
                        new Claim(ClaimTypes.Name, accountId),
                        new Claim(ClaimTypes.Role, role),
                    };
            }

            public sealed class SignIn(ILogger<SignIn> logger)
            {
                public ClaimsPrincipal Principal(Account account)
                {
                    var claims = AccountClaims.For(account.Email, account.DisplayName, account.Id, account.Role);
                    {|#0:logger.LogInformation("Signed in {Email}", account.Email)|};
                    {|#1:logger.LogInformation("Welcome {Name}", account.DisplayName)|};
                    logger.LogInformation("Account {Id} as {Role} on {Plan}", account.Id, account.Role, account.Plan);
                    return new ClaimsPrincipal(new ClaimsIdentity(claims, "cookie"));
                }

                // A claim made of the account's own member says what that member is, here and wherever it is read.
                public ClaimsIdentity Casual(Account account)
                {
                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.GivenName, account.Nickname ?? "") });
                    {|#3:logger.LogInformation("Hello {Nickname}", account.Nickname)|};
                    return identity;
                }

                public ClaimsIdentity Phone(string number, string userId)
                {
                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.MobilePhone, number), new Claim(ClaimTypes.Name, userId) });
                    {|#2:logger.LogInformation("Verified {Number}", number)|};
                    logger.LogInformation("For {UserId}", userId);
                    return identity;
                }

                // Another method of the service reads the account without making a claim of it: nothing says what it is.
                public void Renewed(Account account) => logger.LogInformation("Renewed {Email}", account.Email);

                // A value the method already says is an Identity user's name is named so, not again as the claim.
                public ClaimsIdentity Registered(string userName)
                {
                    var user = new ApplicationUser { UserName = userName };
                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, userName) });
                    {|#4:logger.LogInformation("Registered {Name}", user.UserName)|};
                    return identity;
                }

                // An Identity user's members are those members, not again the claims made of them, in the method that
                // makes the claims and in its callers.
                public Task Register(string userName, string email)
                {
                    var user = new ApplicationUser { UserName = userName, Email = email };
                    return {|#5:Create(user)|};
                }

                private Task Create(ApplicationUser user)
                {
                    var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user.UserName!), new Claim(ClaimTypes.Email, user.Email!) });
                    {|#6:logger.LogInformation("New user registered: {0}", user)|};
                    return Task.CompletedTask;
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim JwtRegisteredClaimNames.Name (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "claim ClaimTypes.MobilePhone (contact.phone)", "LoggerExtensions.LogInformation"),
            Logged(3, "Account.Nickname (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(4, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(5, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "SignIn.Create → LoggerExtensions.LogInformation"),
            Logged(6, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_member_of_the_applications_own_user_that_its_token_service_makes_a_personal_claim_of_is_personal_everywhere() =>
        // BajraYeJoon/OrbitPass: the application's own User, with nothing marked, whose address its token service puts in
        // the e-mail claim. The repository finds a user by comparing User.Email, the service looks the registration's
        // address up there, and the controller logs the address before calling the service. Only members read plainly or
        // put together count (a claim made of a parameter says it of that method's value, as before); a key, a role, the
        // framework's members and another type's member of the same name stay what they were.
        V.WithLibrariesAsync(Usings + """
            public sealed class User
            {
                public int Id { get; set; }
                public string Email { get; set; } = "";
                public string FirstName { get; set; } = "";
                public string LastName { get; set; } = "";
                public string Role { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            public sealed class Newsletter
            {
                public string Email { get; set; } = "";
            }

            public sealed record RegisterRequest(string Email, string Password);

            public sealed class Tokens
            {
                public ClaimsIdentity For(User user, ClaimsPrincipal current) => new ClaimsIdentity(new[]
                {
                    new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                    new Claim(ClaimTypes.Email, user.Email.ToLowerInvariant()),
                    new(ClaimTypes.GivenName, user.FirstName ?? ""),
                    new Claim(ClaimTypes.Name, $"{user.FirstName} {user.LastName}"),
                    new Claim(ClaimTypes.Role, user.Role),
                    new Claim(ClaimTypes.Surname, current.Identity!.AuthenticationType ?? ""),
                });
            }

            public interface IUsers
            {
                Task<User?> GetByEmailAsync(string email);
            }

            public sealed class Users(System.Collections.Generic.List<User> all) : IUsers
            {
                public Task<User?> GetByEmailAsync(string email) =>
                    Task.FromResult(all.FirstOrDefault(u => u.Email.ToLower() == email.ToLower()));
            }

            public sealed record AuthResponse(string Token, string Email);

            public sealed class AuthService(IUsers users)
            {
                public async Task<AuthResponse?> Register(RegisterRequest request) =>
                    await users.GetByEmailAsync(request.Email) is User user ? new AuthResponse("token", user.Email) : null;
            }

            public sealed class AuthController(AuthService auth, ILogger<AuthController> logger)
            {
                public async Task<AuthResponse?> Register(RegisterRequest request)
                {
                    {|#0:logger.LogInformation("Registering {Email}", request.Email)|};
                    var response = await auth.Register(request);
                    return response;
                }

                public void Welcome(User user, Newsletter newsletter, ClaimsPrincipal current)
                {
                    {|#1:logger.LogInformation("Welcome {Name} <{Email}>", user.FirstName, user.Email)|};
                    {|#2:logger.LogInformation("Surname {Name}", user.LastName)|};
                    logger.LogInformation("User {Id} as {Role} on {Plan}", user.Id, user.Role, user.Plan);
                    logger.LogInformation("Subscribed {Email} by {Scheme}", newsletter.Email, current.Identity?.AuthenticationType);
                }
            }
            """,
            Logged(0, "User.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "User.Email (contact.email), User.FirstName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "User.LastName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_form_member_read_into_a_local_that_a_callee_makes_a_users_name_is_named_so_where_it_is_logged() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class SignInForm
            {
                public string Email { get; set; } = "";
            }

            public sealed class Accounts(UserManager<ApplicationUser> users)
            {
                // Finds the user by the address, or creates one whose name is the address.
                public async Task<ApplicationUser> GetOrCreateUser(string email)
                {
                    if (await users.FindByEmailAsync(email) is ApplicationUser user)
                    {
                        return user;
                    }

                    var created = new ApplicationUser { UserName = email, Email = email };
                    await users.CreateAsync(created);
                    return created;
                }
            }

            public sealed class SignInPage(Accounts accounts, ILogger<SignInPage> logger)
            {
                public SignInForm Input { get; set; } = new();

                public async Task Post()
                {
                    var email = Input.Email.Trim();
                    await accounts.GetOrCreateUser(email);
                    {|#0:logger.LogInformation("Signed in {Email}", email)|};
                    {|#1:logger.LogInformation("Form of {Email}", Input.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_callee_that_says_itself_what_its_parameters_members_are_reports_their_sinks_where_they_are() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ForgotForm
            {
                public string Email { get; set; } = "";
            }

            public sealed class AccountManager(UserManager<ApplicationUser> users, ILogger<AccountManager> logger)
            {
                public async Task<ApplicationUser?> Forgot(ForgotForm form)
                {
                    var user = await users.FindByEmailAsync(form.Email);
                    {|#0:logger.LogInformation("Reset asked for {Email}", form.Email)|};
                    return user;
                }
            }

            // The manager says the form's Email is an address, and reports its own log of it; the controller that passes
            // the form on is not reported for that log again, though what it logs of the form itself is, and what a method
            // that does not know the form logs of it is reported where the form is handed to that method.
            public sealed class AccountController(AccountManager manager, ILogger<AccountController> logger)
            {
                public async Task<bool> Forgot(ForgotForm form)
                {
                    var user = await manager.Forgot(form);
                    {|#1:logger.LogInformation("Reset for {Email}", form.Email)|};
                    {|#2:Audit(form)|};
                    return user != null;
                }

                private void Audit(ForgotForm form) => logger.LogInformation("Audit of {Email}", form.Email);
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email)", "AccountController.Audit → LoggerExtensions.LogInformation"));

    [Fact]
    public Task SendGrid_Twilios_messages_and_verifications_and_Azure_Storage_queues_are_third_parties() =>
        V.WithLibrariesAsync(Usings + """
            using Azure.Storage.Queues;
            using SendGrid;
            using SendGrid.Helpers.Mail;
            using Twilio.Rest.Api.V2010.Account;
            using Twilio.Rest.Verify.V2.Service;
            using Twilio.Types;
            """ + User + """

            // As the ASP.NET Core documentation's SendGrid sender writes it.
            public sealed class SendGridSender(ISendGridClient client)
            {
                public async Task Confirm(ApplicationUser user, string link)
                {
                    var msg = new SendGridMessage
                    {
                        From = new EmailAddress("noreply@example.invalid", "Example"),
                        Subject = "Confirm your account",
                        HtmlContent = link,
                    };
                    msg.AddTo(new EmailAddress(user.Email));
                    await {|#0:client.SendEmailAsync(msg)|};
                }

                public Task Broadcast(string body)
                {
                    var msg = MailHelper.CreateSingleEmail(new EmailAddress("noreply@example.invalid"), new EmailAddress("list@example.invalid"), "News", body, body);
                    return client.SendEmailAsync(msg);
                }
            }

            public sealed class SmsSender
            {
                public Task<MessageResource> Code(ApplicationUser user, string code) =>
                    {|#1:MessageResource.CreateAsync(to: new PhoneNumber(user.PhoneNumber), from: new PhoneNumber("+15005550006"), body: code)|};

                public Task<MessageResource> Alert(string body) =>
                    MessageResource.CreateAsync(to: new PhoneNumber("+15005550006"), body: body);
            }

            // Twilio Verify: the number a code is sent to, and the number it is checked for.
            public sealed class PhoneVerifier(string serviceSid)
            {
                public Task<VerificationResource> Send(ApplicationUser user) =>
                    {|#3:VerificationResource.CreateAsync(to: user.PhoneNumber, channel: "sms", pathServiceSid: serviceSid)|};

                public bool Check(ApplicationUser user, string code) =>
                    {|#4:VerificationCheckResource.Create(serviceSid, code, to: user.PhoneNumber)|}.Status == "approved";

                public Task<VerificationResource> Test() =>
                    VerificationResource.CreateAsync(serviceSid, "+15005550006", "sms");
            }

            public sealed class Outbox(QueueClient queue)
            {
                public Task Enqueue(ApplicationUser user) => {|#2:queue.SendMessageAsync($"welcome:{user.Email}")|};

                public Task Tick() => queue.SendMessageAsync("tick");
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "ISendGridClient.SendEmailAsync"),
            Shared(1, "IdentityUser.PhoneNumber (contact.phone)", "an HTTP endpoint", "MessageResource.CreateAsync"),
            Shared(2, "IdentityUser.Email (contact.email)", "a message broker", "QueueClient.SendMessageAsync"),
            Shared(3, "IdentityUser.PhoneNumber (contact.phone)", "an HTTP endpoint", "VerificationResource.CreateAsync"),
            Shared(4, "IdentityUser.PhoneNumber (contact.phone)", "an HTTP endpoint", "VerificationCheckResource.Create"));

    [Fact]
    public Task A_mail_librarys_send_method_named_for_mail_is_an_e_mail_recipient() =>
        V.WithLibrariesAsync(Usings + User + """
            // Smtp2Go's API client, as its package declares it (not served here): a client whose type is not named for
            // mail, with send methods that are.
            namespace Smtp2Go.Api
            {
                public sealed class TemplatedEmailMessage
                {
                    public TemplatedEmailMessage(string templateId, string sender, params string[] to)
                    {
                        TemplateId = templateId;
                        Sender = sender;
                        To = to;
                    }

                    public string TemplateId { get; }

                    public string Sender { get; }

                    public string[] To { get; }

                    public System.Collections.Generic.Dictionary<string, string> Variables { get; } = new();

                    public void AddTemplateVariable(string key, string value) => Variables[key] = value;
                }

                public interface IApiService
                {
                    Task<string> SendTemplatedEmail(TemplatedEmailMessage message);

                    Task<string> GetStatistics(string period);
                }
            }

            public interface IEmailProvider
            {
                Task SendTemplatedEmailAsync(string templateId, string to, string name);
            }

            public sealed class Smtp2GoEmailProvider(Smtp2Go.Api.IApiService client) : IEmailProvider
            {
                public async Task SendTemplatedEmailAsync(string templateId, string to, string name)
                {
                    var message = new Smtp2Go.Api.TemplatedEmailMessage(templateId, "events@example.invalid", to);
                    message.AddTemplateVariable("user_name", name);
                    await client.SendTemplatedEmail(message);
                }
            }

            public sealed class Invitations(IEmailProvider provider, Smtp2Go.Api.IApiService client)
            {
                public Task Invite(ApplicationUser user) => {|#0:provider.SendTemplatedEmailAsync("invite", user.Email!, user.DisplayName)|};

                public Task Digest() => provider.SendTemplatedEmailAsync("digest", "team@example.invalid", "Team");

                // A call of the same client that sends no mail.
                public Task<string> Statistics(ApplicationUser user) => client.GetStatistics(user.UserName!);
            }
            """,
            Shared(0, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailProvider.SendTemplatedEmailAsync → IApiService.SendTemplatedEmail"));

    [Fact]
    public Task MailKit_sends_a_message_built_from_personal_data() =>
        V.WithLibrariesAsync(Usings + """
            using MailKit.Net.Smtp;
            using MimeKit;
            """ + User + """

            public sealed class Mailer
            {
                public async Task Welcome(ApplicationUser user)
                {
                    var message = new MimeMessage();
                    message.To.Add(new MailboxAddress(user.UserName, user.Email));
                    message.Subject = "Welcome";
                    message.Body = new TextPart("plain") { Text = "Hello" };
                    using var client = new SmtpClient();
                    await client.ConnectAsync("smtp.example.invalid", 587);
                    await {|#0:client.SendAsync(message)|};
                }

                public async Task Newsletter()
                {
                    var message = new MimeMessage();
                    message.To.Add(new MailboxAddress("list", "list@example.invalid"));
                    using var client = new SmtpClient();
                    await client.SendAsync(message);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "an e-mail recipient", "MailTransport.SendAsync"));

    [Fact]
    public Task A_message_written_to_a_channel_is_what_its_reader_sends() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using System.Threading.Channels;
            using MailKit.Net.Smtp;
            using MimeKit;
            """ + User + """

            public sealed class EmailDto
            {
                public string EmailTo { get; set; } = "";
                public string Body { get; set; } = "";
            }

            public sealed record Tick(int Count);

            public sealed class AuthController(Channel<EmailDto> emails, Channel<Tick> ticks)
            {
                public async Task Register(ApplicationUser user, string token)
                {
                    var email = new EmailDto { EmailTo = user.Email!, Body = "Confirm: " + token };
                    await emails.Writer.WriteAsync(email);
                    ticks.Writer.TryWrite(new Tick(1));
                }
            }

            public sealed class EmailWorker(Channel<EmailDto> emails, Channel<Tick> ticks)
            {
                public async Task RunAsync(CancellationToken stoppingToken)
                {
                    await foreach (var e in emails.Reader.ReadAllAsync(stoppingToken))
                    {
                        await {|#0:SendAsync(e)|};
                    }
                }

                public async Task CountAsync(CancellationToken stoppingToken)
                {
                    var tick = await ticks.Reader.ReadAsync(stoppingToken);
                    var message = new MimeMessage();
                    message.To.Add(new MailboxAddress("ops", "ops@example.invalid"));
                    message.Body = new TextPart("plain") { Text = tick.ToString() };
                    using var client = new SmtpClient();
                    await client.SendAsync(message);
                }

                private static async Task SendAsync(EmailDto dto)
                {
                    var message = new MimeMessage();
                    message.To.Add(new MailboxAddress("", dto.EmailTo));
                    message.Body = new TextPart("html") { Text = dto.Body };
                    using var client = new SmtpClient();
                    await client.SendAsync(message);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "EmailWorker.SendAsync → MailTransport.SendAsync"));

    [Fact]
    public Task A_channel_held_in_a_field_is_told_apart_from_a_local_or_a_parameter_of_the_same_name_and_one_of_a_type_parameter_is_bound() =>
        V.WithLibrariesAsync(Usings + """
            using System.IO;
            using System.Threading;
            using System.Threading.Channels;
            using MailKit.Net.Smtp;
            using MimeKit;
            """ + User + """

            public sealed class InviteDto
            {
                public string To { get; set; } = "";
            }

            public sealed class ReminderDto
            {
                public string To { get; set; } = "";
            }

            public sealed record Tick(int Count);

            public sealed class NoticeDto
            {
                public string To { get; set; } = "";
            }

            public sealed class Notices<TWriter>
                where TWriter : ChannelWriter<NoticeDto>
            {
                // Typed by a type parameter: only binding tells it is a channel writer.
                private readonly TWriter _writer;

                public Notices(TWriter writer) => _writer = writer;

                public ValueTask Notify(ApplicationUser user) => _writer.WriteAsync(new NoticeDto { To = user.Email! });
            }

            public sealed class Invitations
            {
                // Named like the local and the parameter below, of another element type.
                private readonly Channel<Tick> _queue = Channel.CreateUnbounded<Tick>();
                private readonly Channel<InviteDto> _invites;
                private readonly Stream _audit = Stream.Null;

                public Invitations(Channel<InviteDto> invites) => _invites = invites;

                public async Task Invite(ApplicationUser user)
                {
                    var _queue = _invites;
                    await _queue.Writer.WriteAsync(new InviteDto { To = user.Email! });
                    this._queue.Writer.TryWrite(new Tick(1));
                }

                public async Task Remind(ApplicationUser user, Channel<ReminderDto> _queue)
                {
                    await _queue.Writer.WriteAsync(new ReminderDto { To = user.Email! });
                    await _audit.WriteAsync(new byte[] { 1 });
                }
            }

            public sealed class Worker(Channel<InviteDto> invites, Channel<ReminderDto> reminders, Channel<Tick> ticks, Channel<NoticeDto> notices)
            {
                public async Task NoticesAsync(CancellationToken stoppingToken)
                {
                    var notice = await notices.Reader.ReadAsync(stoppingToken);
                    await {|#2:SendAsync(notice.To)|};
                }

                public async Task InvitesAsync(CancellationToken stoppingToken)
                {
                    var invite = await invites.Reader.ReadAsync(stoppingToken);
                    await {|#0:SendAsync(invite.To)|};
                }

                public async Task RemindersAsync(CancellationToken stoppingToken)
                {
                    var reminder = await reminders.Reader.ReadAsync(stoppingToken);
                    await {|#1:SendAsync(reminder.To)|};
                }

                public async Task TicksAsync(CancellationToken stoppingToken)
                {
                    var tick = await ticks.Reader.ReadAsync(stoppingToken);
                    await SendAsync(tick.ToString());
                }

                private static async Task SendAsync(string to)
                {
                    var message = new MimeMessage();
                    message.To.Add(new MailboxAddress("", to));
                    using var client = new SmtpClient();
                    await client.SendAsync(message);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "Worker.SendAsync → MailTransport.SendAsync"),
            Shared(1, "IdentityUser.Email (contact.email)", "an e-mail recipient", "Worker.SendAsync → MailTransport.SendAsync"),
            Shared(2, "IdentityUser.Email (contact.email)", "an e-mail recipient", "Worker.SendAsync → MailTransport.SendAsync"));

    [Fact]
    public Task System_Net_Mail_in_every_form() =>
        V.WithLibrariesAsync(Usings + """
            using System.Net.Mail;
            """ + User + """

            public sealed class Mailer
            {
                public async Task Welcome(ApplicationUser user)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    {|#0:client.Send("noreply@example.invalid", user.Email!, "Welcome", "Hello")|};
                    var message = new MailMessage();
                    message.To.Add(user.Email!);
                    await {|#1:client.SendMailAsync(message)|};
                    var built = new MailMessage("noreply@example.invalid", user.Email!);
                    {|#2:client.SendAsync(built, null)|};
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "SmtpClient.Send"),
            Shared(1, "IdentityUser.Email (contact.email)", "an e-mail recipient", "SmtpClient.SendMailAsync"),
            Shared(2, "IdentityUser.Email (contact.email)", "an e-mail recipient", "SmtpClient.SendAsync"));

    [Fact]
    public Task RestSharp_requests_built_from_personal_data() =>
        V.WithLibrariesAsync(Usings + """
            using RestSharp;
            """ + User + """

            public sealed record Contact(string Email, string Name);

            public sealed class Crm(RestClient client)
            {
                public async Task Push(ApplicationUser user)
                {
                    var request = new RestRequest("contacts", Method.Post);
                    request.AddJsonBody(new Contact(user.Email!, user.UserName!));
                    await {|#0:client.ExecuteAsync(request)|};

                    var lookup = new RestRequest("lookup").AddQueryParameter("email", user.Email);
                    await {|#1:client.GetAsync(lookup)|};

                    var ping = new RestRequest("ping");
                    await client.GetAsync(ping);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "an HTTP endpoint", "RestClient.ExecuteAsync"),
            Shared(1, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "RestClientExtensions.GetAsync"));

    [Fact]
    public Task HttpClient_GET_and_DELETE_whose_URL_carries_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Directory(HttpClient http)
            {
                public async Task Run(ApplicationUser user)
                {
                    await {|#0:http.GetAsync($"https://directory.example.invalid/users?email={user.Email}")|};
                    await {|#1:http.DeleteAsync("https://directory.example.invalid/users/" + user.UserName)|};
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://directory.example.invalid/find?phone=" + user.PhoneNumber);
                    await {|#2:http.SendAsync(request)|};
                    await http.GetAsync("https://directory.example.invalid/users/" + user.Id);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "HttpClient.GetAsync"),
            Shared(1, "IdentityUser.UserName (identity.name)", "an HTTP endpoint", "HttpClient.DeleteAsync"),
            Shared(2, "IdentityUser.PhoneNumber (contact.phone)", "an HTTP endpoint", "HttpClient.SendAsync"));

    [Fact]
    public Task Console_writers_Serilog_context_and_LoggerMessage_Define_delegates_are_logs() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Audit(ILogger<Audit> logger)
            {
                private static readonly Action<ILogger, string, Exception?> LogUser =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(1), "User {Email}");

                public void Run(ApplicationUser user)
                {
                    {|#0:Console.Error.WriteLine(user.Email)|};
                    {|#1:Console.Out.Write(user.UserName)|};
                    {|#2:LogUser(logger, user.Email!, null)|};
                    {|#3:Serilog.Log.ForContext("Email", user.Email)|}.Information("signed in");
                    using ({|#4:Serilog.Context.LogContext.PushProperty("User", user.UserName)|}) { }
                    Console.Error.WriteLine("done");
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "TextWriter.WriteLine"),
            Logged(1, "IdentityUser.UserName (identity.name)", "TextWriter.Write"),
            Logged(2, "IdentityUser.Email (contact.email)", "Action.Invoke"),
            Logged(3, "IdentityUser.Email (contact.email)", "Log.ForContext"),
            Logged(4, "IdentityUser.UserName (identity.name)", "LogContext.PushProperty"));

    [Fact]
    public Task A_Serilog_enricher_and_request_loggings_diagnostic_context_write_what_they_are_given_to_the_log() =>
        V.WithLibrariesAsync(Usings + "using Microsoft.AspNetCore.Http;\nusing Serilog.Core;\nusing Serilog.Events;\n" + """
            // Serilog.AspNetCore's request logging context, as its package declares it.
            namespace Serilog
            {
                public interface IDiagnosticContext
                {
                    void Set(string propertyName, object? value, bool destructureObjects = false);
                }
            }

            // As BlogCore's enricher adds the signed-in user to every event.
            public sealed class UserEnricher(IHttpContextAccessor accessor) : ILogEventEnricher
            {
                public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
                {
                    var userName = accessor.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous";
                    var path = accessor.HttpContext?.Request.Path.Value ?? "";
                    logEvent.AddPropertyIfAbsent({|#0:propertyFactory.CreateProperty("Username", userName)|});
                    logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Path", path));
                }
            }

            public static class RequestLogging
            {
                public static void Enrich(Serilog.IDiagnosticContext diagnosticContext, HttpContext httpContext)
                {
                    {|#1:diagnosticContext.Set("UserName", httpContext.User.Identity?.Name)|};
                    diagnosticContext.Set("Host", httpContext.Request.Host.Value);
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Name (identity.name)", "ILogEventPropertyFactory.CreateProperty"),
            Logged(1, "IIdentity.Name (identity.name)", "IDiagnosticContext.Set"));

    [Fact]
    public Task An_accessor_of_another_project_is_known_by_its_name() =>
        V.WithLibrariesAsync(Usings + """
            public interface IIdentityService
            {
                Task<string?> GetUserNameAsync(string userId);
                Task<string?> GetUserIdAsync(string userName);
            }

            public sealed class LoggingBehaviour(IIdentityService identity, ILogger<LoggingBehaviour> logger)
            {
                public async Task Run(string userId)
                {
                    var userName = await identity.GetUserNameAsync(userId);
                    {|#0:logger.LogInformation("Request by {UserId} {UserName}", userId, userName)|};
                    var id = await identity.GetUserIdAsync("x");
                    logger.LogInformation("Id {Id}", id);
                }
            }
            """,
            Logged(0, "IIdentityService.GetUserNameAsync() (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Flurl_requests_built_from_personal_data_are_shared_with_an_HTTP_endpoint() =>
        V.WithLibrariesAsync("using Flurl;\nusing Flurl.Http;\n" + Usings + User + """
            public sealed class Stats
            {
                public async Task Run(ApplicationUser user, string token)
                {
                    await {|#0:"https://stats.example/api/users".PostJsonAsync(new { user.Email, user.Id })|};
                    await {|#1:"https://stats.example/api/lookup".SetQueryParam("name", user.UserName).GetAsync()|};
                    await "https://stats.example/api/ping".WithHeader("x-api-key", token).PostJsonAsync(new { user.Id });
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "GeneratedExtensions.PostJsonAsync"),
            Shared(1, "IdentityUser.UserName (identity.name)", "an HTTP endpoint", "GeneratedExtensions.GetAsync"));

    [Fact]
    public Task A_MediatR_request_is_followed_into_the_handler_of_its_type() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using MediatR;
            """ + User + """

            public sealed record SendWelcome(string Email, string Link) : IRequest<bool>;

            public sealed record AuditEvent(string Email) : IRequest<bool>;

            public sealed class SendWelcomeHandler(ILogger<SendWelcomeHandler> logger) : IRequestHandler<SendWelcome, bool>
            {
                public Task<bool> Handle(SendWelcome request, CancellationToken cancellationToken)
                {
                    logger.LogInformation("Welcome mail for {Email}", request.Email);
                    return Task.FromResult(true);
                }
            }

            // Logs what it is given, but only an AuditEvent is handed to it.
            public sealed class AuditHandler(ILogger<AuditHandler> logger) : IRequestHandler<AuditEvent, bool>
            {
                public Task<bool> Handle(AuditEvent request, CancellationToken cancellationToken)
                {
                    logger.LogInformation("Audit {Event}", request.Email);
                    return Task.FromResult(true);
                }
            }

            public sealed class AccountController(IMediator mediator)
            {
                public Task<bool> Confirmed(ApplicationUser user, string link) =>
                    {|#0:mediator.Send(new SendWelcome(user.Email!, link))|};

                // A form's address is not the user's attributed data; the link alone is not personal.
                public Task<bool> Invited(string formEmail, string link) => mediator.Send(new SendWelcome(formEmail, link));

                public Task<bool> Linked(ApplicationUser user) => mediator.Send(new SendWelcome("", user.Id));
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "SendWelcomeHandler.Handle → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_method_whose_only_call_is_a_mediator_dispatch_is_analyzed() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using MediatR;
            """ + User + """

            public sealed class Welcome : IRequest<bool>
            {
                public string Email { get; init; } = "";
            }

            public sealed class WelcomeHandler(ILogger<WelcomeHandler> logger) : IRequestHandler<Welcome, bool>
            {
                public Task<bool> Handle(Welcome request, CancellationToken cancellationToken)
                {
                    logger.LogInformation("Welcome mail for {Email}", request.Email);
                    return Task.FromResult(true);
                }
            }

            // Nothing here is a sink or a method of the compilation: only the dispatch can send the address anywhere.
            public sealed class AccountController(IMediator mediator)
            {
                public Task<bool> Confirmed(ApplicationUser user) => {|#0:mediator.Send(new Welcome { Email = user.Email! })|};
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "WelcomeHandler.Handle → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_Mediator_notification_is_followed_into_every_handler_of_its_type_and_of_the_types_it_derives_from() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using Mediator;
            """ + User + """

            public record UserNotification(string Email) : INotification;

            // A record that passes one of its parameters to its base record's constructor still holds them all.
            public sealed record PasswordReset(string Email, string Link) : UserNotification(Email);

            public sealed record OrderShipped(string Email) : INotification;

            public sealed class ResetMailer(HttpClient http) : INotificationHandler<PasswordReset>
            {
                public async ValueTask Handle(PasswordReset notification, CancellationToken cancellationToken) =>
                    await http.GetAsync("https://mail.example.invalid/send?to=" + notification.Email, cancellationToken);
            }

            public sealed class UserAudit(ILogger<UserAudit> logger) : INotificationHandler<UserNotification>
            {
                public ValueTask Handle(UserNotification notification, CancellationToken cancellationToken)
                {
                    logger.LogInformation("User event for {User}", notification.Email);
                    return default;
                }
            }

            // Never handed a PasswordReset.
            public sealed class ShippingLog(ILogger<ShippingLog> logger) : INotificationHandler<OrderShipped>
            {
                public ValueTask Handle(OrderShipped notification, CancellationToken cancellationToken)
                {
                    logger.LogInformation("Shipped to {Email}", notification.Email);
                    return default;
                }
            }

            public sealed class ResetPage(IMediator mediator)
            {
                public async Task Reset(ApplicationUser user) =>
                    await {|#0:{|#1:mediator.Publish(new PasswordReset(user.Email!, "https://example.invalid/reset"))|}|};

                public async Task Invite(string formEmail) => await mediator.Publish(new PasswordReset(formEmail, ""));
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "IPublisher.Publish → LoggerExtensions.LogInformation"),
            Shared(1, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "IPublisher.Publish → HttpClient.GetAsync"));

    [Fact]
    public Task An_identity_user_written_whole_prints_its_user_name_and_nothing_else_it_holds() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed record Registered(ApplicationUser User, DateTime At);

            public sealed class Named : IdentityUser
            {
                public override string ToString() => "a user";
            }

            public sealed class Accounts(ILogger<Accounts> logger)
            {
                public void Created(ApplicationUser user, Named named)
                {
                    {|#0:logger.LogInformation("New user registered: {0}", user)|};
                    {|#1:logger.LogInformation($"Deleted {user}")|};
                    {|#2:logger.LogInformation("Registered: {Event}", new Registered(user, DateTime.UtcNow))|};
                    logger.LogInformation("Renamed: {0}", named);
                    {|#3:Register(user)|};
                }

                private void Register(ApplicationUser user) => {|#4:logger.LogInformation("Registering {0}", user)|};
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(3, "IdentityUser.UserName (identity.name)", "Accounts.Register → LoggerExtensions.LogInformation"),
            Logged(4, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_string_stored_as_a_users_personal_member_is_that_personal_data_wherever_the_method_reads_it() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ProfileInput
            {
                public string Email { get; set; } = "";
                public string Theme { get; set; } = "";
            }

            public sealed class UsersController(ILogger<UsersController> logger, UserManager<ApplicationUser> users)
            {
                public async Task Create(string userName, string email, string password, string role, string id)
                {
                    try
                    {
                        var user = new ApplicationUser { UserName = userName, Email = email, Id = id };
                        await users.CreateAsync(user, password);
                        {|#0:logger.LogInformation("Created user {UserName}.", userName)|};
                        logger.LogInformation("Role {Role}, id {Id}", role, id);
                    }
                    catch (Exception ex)
                    {
                        {|#1:logger.LogError(ex, "Failure creating user {UserName}.", userName)|};
                    }
                }

                public void Update(ApplicationUser user, ProfileInput input)
                {
                    {|#2:logger.LogInformation("Changing the address to {Email}", input.Email)|};
                    user.Email = input.Email;
                    logger.LogInformation("Theme {Theme}", input.Theme);
                    logger.LogInformation("Input {Input}", input);
                }
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogError"),
            Logged(2, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_string_handed_to_identity_as_a_users_email_or_name_is_that_personal_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class LoginModel(ILogger<LoginModel> logger, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
            {
                public InputModel Input { get; set; } = new();

                public sealed class InputModel
                {
                    public string Email { get; set; } = "";
                    public string Password { get; set; } = "";
                    public string ReturnUrl { get; set; } = "";
                }

                public async Task OnPostAsync()
                {
                    var user = await users.FindByEmailAsync(Input.Email);
                    if (user == null)
                    {
                        {|#0:logger.LogWarning("No account for {Email}", Input.Email)|};
                        return;
                    }

                    await signIn.PasswordSignInAsync(Input.Email, Input.Password, false, false);
                    logger.LogInformation("Back to {Url}", Input.ReturnUrl);
                }

                public async Task ChangePhone(ApplicationUser user, string phone, string token)
                {
                    var result = await users.ChangePhoneNumberAsync(user, phone, token);
                    {|#1:logger.LogInformation("Phone changed to {Phone}: {Result}", phone, result.Succeeded)|};
                    logger.LogInformation("Token {Token}", token.Length);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogWarning"),
            Logged(1, "IdentityUser.PhoneNumber (contact.phone)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_member_of_the_page_its_handler_registers_the_user_with_is_that_personal_data_in_the_pages_other_methods() =>
        V.WithLibrariesAsync(Usings + "using System.Net.Mail;\n" + User + """
            public sealed class RegisterModel(ILogger<RegisterModel> logger, UserManager<ApplicationUser> users)
            {
                private string _lastAddress = "";
                private readonly string _support = "support@example.com";

                public InputModel Input { get; set; } = new();

                public sealed class InputModel
                {
                    public string Email { get; set; } = "";
                    public string Nickname { get; set; } = "";
                    public string Referrer { get; set; } = "";
                }

                public async Task OnPostAsync()
                {
                    var user = new ApplicationUser { UserName = Input.Email, Email = Input.Email, DisplayName = _lastAddress };
                    await users.CreateAsync(user);
                    await users.FindByEmailAsync(_support);
                    SendWelcome();
                    Audit();
                }

                public void Remember(string address) => _lastAddress = address;

                // As AJJDHotel's registration page mails its own form's address from a helper the handler calls.
                public void SendWelcome()
                {
                    var message = new MailMessage(new MailAddress("hotel@example.com"), new MailAddress(Input.Email));
                    using var client = new SmtpClient("smtp.example.com");
                    {|#0:client.Send(message)|};
                    logger.LogInformation("Referred by {Referrer}", Input.Referrer);
                }

                public void Audit()
                {
                    {|#1:logger.LogInformation("Registered {Name} after {Previous}", Input.Email, _lastAddress)|};
                    logger.LogInformation("Nickname {Nickname}", Input.Nickname);
                    logger.LogInformation("Help at {Support}", _support);
                }
            }

            public sealed class OtherPage(ILogger<OtherPage> logger)
            {
                public RegisterModel.InputModel Input { get; set; } = new();

                // Another type's member of the same name: nothing here says what it holds.
                public void Log() => logger.LogInformation("Address {Email}", Input.Email);
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "an e-mail recipient", "SmtpClient.Send"),
            Logged(1, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_claim_type_the_application_names_itself_is_known_by_its_name() =>
        V.WithLibrariesAsync(Usings + """
            public sealed class OrdersEndpoint(ILogger<OrdersEndpoint> logger)
            {
                public void Handle(ClaimsPrincipal user)
                {
                    var emailAddress = user.FindFirstValue("EmailAddress");
                    {|#0:logger.LogInformation("Orders for {Email}", emailAddress)|};
                    {|#1:logger.LogInformation("Name {Name}", user.Claims.First(c => c.Type == "user_name").Value)|};
                    logger.LogInformation("Verified {Verified}", user.FindFirstValue("email_verified"));
                    logger.LogInformation("Tenant {Tenant}", user.FindFirstValue("TenantId"));
                    logger.LogInformation("Scheme {Scheme}", user.FindFirstValue("https://example.com/claims/email"));
                }
            }
            """,
            Logged(0, "claim EmailAddress (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim user_name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_applications_own_logger_interface_implemented_in_another_project_is_a_log() =>
        V.WithLibrariesAsync(Usings + User + """
            // Declared here (the application layer), implemented by the infrastructure project over ILogger<T>.
            public interface IAppLogger<T>
            {
                void LogInformation(string message, params object[] args);
                void LogWarning(string message);
                void LogError(Exception exception, string message);
                void LogOutcome(RegistrationOutcome outcome);
            }

            public sealed record RegistrationOutcome(bool Succeeded, string Email);

            // Implemented here: what the implementation does is followed (it counts, it writes nothing).
            public interface IAuditLogger
            {
                void LogAttempt(string userName);
            }

            public sealed class CountingAuditLogger : IAuditLogger
            {
                public int Attempts { get; private set; }

                public void LogAttempt(string userName) => Attempts++;
            }

            public sealed class AccountService(IAppLogger<AccountService> logger, IAuditLogger audit)
            {
                public void Registered(ApplicationUser user, Exception failure)
                {
                    {|#0:logger.LogWarning($"User with unconfirmed email tried to log in. Email: {user.Email}, UserId: {user.Id}")|};
                    {|#1:logger.LogError(failure, $"Failed to send the confirmation link to {user.Email}")|};
                    {|#2:logger.LogInformation("Registered {Name}", user.UserName)|};
                    logger.LogInformation("Registered {Id}", user.Id);
                    logger.LogOutcome(new RegistrationOutcome(true, user.Email!));
                    audit.LogAttempt(user.UserName!);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "IAppLogger.LogWarning"),
            Logged(1, "IdentityUser.Email (contact.email)", "IAppLogger.LogError"),
            Logged(2, "IdentityUser.UserName (identity.name)", "IAppLogger.LogInformation"));

    [Fact]
    public Task A_fluent_email_sends_what_it_was_given_before_and_a_job_queued_as_an_expression_is_followed() =>
        V.WithLibrariesAsync(Usings + """
            using System.Collections.Generic;
            using System.Linq.Expressions;
            using System.Threading;
            using FluentEmail.Core;
            """ + User + """
            public sealed record MailRequest(List<string> To, string Subject, string Body);

            public interface IMailService
            {
                Task SendAsync(MailRequest request, CancellationToken cancellationToken = default);
            }

            // Hangfire's shape: the job is an expression of the call to make later.
            public interface IJobService
            {
                string Enqueue(Expression<Func<Task>> methodCall);
            }

            public sealed class MailService(IFluentEmail email) : IMailService
            {
                public async Task SendAsync(MailRequest request, CancellationToken cancellationToken = default)
                {
                    email.Subject(request.Subject);
                    foreach (var to in request.To)
                    {
                        email.To(to);
                    }

                    email.Body(request.Body, true);
                    await email.SendAsync(cancellationToken);
                }
            }

            public sealed class AccountService(IJobService jobs, IMailService mail, IFluentEmail email)
            {
                public void Registered(ApplicationUser user)
                {
                    var request = new MailRequest(new List<string> { user.Email! }, "Confirm your account", "Hello");
                    jobs.Enqueue(() => {|#0:mail.SendAsync(request, CancellationToken.None)|});
                    var notice = new MailRequest(new List<string> { "support@example.com" }, "Registered", $"User {user.Id}");
                    jobs.Enqueue(() => mail.SendAsync(notice, CancellationToken.None));
                }

                public Task Welcome(ApplicationUser user) =>
                    {|#1:email.To(user.Email!).Subject("Welcome").Body($"Hello {user.DisplayName}").SendAsync()|};
            }

            public sealed class NightlyReport(IFluentEmail email)
            {
                public Task Send(int count) => email.To("ops@example.com").Subject("Nightly").Body($"{count} sign-ups").SendAsync();
            }

            namespace FluentEmail.Core
            {
                public interface IFluentEmail
                {
                    IFluentEmail To(string emailAddress, string? name = null);
                    IFluentEmail Subject(string subject);
                    IFluentEmail Body(string body, bool isHtml = false);
                    Task<bool> SendAsync(CancellationToken? token = null);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IMailService.SendAsync → IFluentEmail.SendAsync"),
            Shared(1, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email)", "an e-mail recipient", "IFluentEmail.SendAsync"));

    [Fact]
    public Task A_token_an_applications_wrapper_of_identity_makes_for_a_user_is_not_the_users_data() =>
        V.WithLibrariesAsync(Usings + User + """
            // The application's own user manager, implemented over UserManager<T> in another project.
            public interface IAppUserManager
            {
                Task<string> GenerateEmailConfirmationTokenAsync(ApplicationUser user);
                Task<string> DescribeAsync(ApplicationUser user);
            }

            public interface IEmailService
            {
                Task SendEmailAsync(string toEmail, string subject, string body);
            }

            public sealed class AuthenticationService(IAppUserManager users, IEmailService email, ILogger<AuthenticationService> logger)
            {
                public async Task SendConfirmation(ApplicationUser user)
                {
                    var token = await users.GenerateEmailConfirmationTokenAsync(user);
                    logger.LogDebug("Token {Token}", token);
                    var link = $"https://example.com/confirm-email?userId={user.Id}&token={Uri.EscapeDataString(token)}";
                    await {|#0:email.SendEmailAsync(user.Email!, "Confirm your email", link)|};
                    var description = await users.DescribeAsync(user);
                    {|#1:logger.LogInformation("Confirmation sent to {User}", description)|};
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailService.SendEmailAsync"),
            Logged(1, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_seeders_constant_address_stored_in_a_user_is_not_a_persons_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class DevelopmentSeeder(UserManager<ApplicationUser> users, ILogger<DevelopmentSeeder> logger)
            {
                private const string QaCustomerEmail = "qa.customer@example.local";

                public async Task SeedAsync()
                {
                    await EnsureUserAsync(QaCustomerEmail, "QA Customer");
                    await EnsureUserAsync("qa.other@example.local", name: "QA Other");
                }

                // What the callee logs of the invitee's address, which it stores as a user's: reported here too, where a
                // check for it may be.
                public Task InviteAsync(string email) => {|#2:EnsureInvitedAsync(email)|};

                // Locals given only constants: a default account written in the source, its password included.
                public async Task SeedAdminAsync(string configured)
                {
                    var adminEmail = "admin@example.com";
                    var adminPassword = "admin233";
                    await users.CreateAsync(new ApplicationUser { UserName = adminEmail, Email = adminEmail }, adminPassword);
                    logger.LogInformation("Default admin user '{Email}' created with {Password}.", adminEmail, adminPassword);

                    var other = "first@example.com";
                    other = configured;
                    await users.CreateAsync(new ApplicationUser { UserName = other, Email = other });
                    {|#1:logger.LogInformation("Created {Email}", other)|};
                }

                private async Task EnsureUserAsync(string email, string name)
                {
                    var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
                    await users.CreateAsync(user);
                    logger.LogInformation("Seeded {Email} as {Name}", email, name);
                }

                // Given a caller's value: a person's address (named once, not again as Identity's upper-cased copy).
                private async Task EnsureInvitedAsync(string email)
                {
                    var user = new ApplicationUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant() };
                    await users.CreateAsync(user);
                    {|#0:logger.LogInformation("Invited {Email}", email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "DevelopmentSeeder.EnsureInvitedAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_demo_seeders_addresses_written_in_its_source_are_not_a_persons_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class DemoSeeder(UserManager<ApplicationUser> users, ILogger<DemoSeeder> logger)
            {
                public async Task SeedAsync(string invited)
                {
                    // Passed on by a private method that is itself given only constants.
                    await SetupDoctorAsync(email: "doctor@clinic.example", name: "Dr. Demo");
                    await SetupDoctorAsync(email: "doctor2@clinic.example", name: "Dr. Other");

                    // The elements of a local array of constant tuples, deconstructed by the loop.
                    var owners = new[]
                    {
                        ("owner1@demo.example", "Owner One", DateTime.UtcNow),
                        ("owner2@demo.example", "Owner Two", DateTime.UtcNow.AddDays(-1)),
                    };
                    foreach (var (email, name, since) in owners)
                    {
                        var owner = await EnsureOwnerAsync(email, name);
                        logger.LogInformation("Owner {Email} since {Since}", email, since);
                    }

                    // A loop over what the caller gave: a person's address, which the callee stores as a user's and logs.
                    foreach (var address in new[] { invited })
                    {
                        await {|#2:EnsureGuestAsync(address)|};
                    }

                    // The members of a local array of objects, each written with a constant address.
                    var admins = new[]
                    {
                        new { Email = "admin@demo.example", Name = "Admin", Password = Guid.NewGuid().ToString() },
                        new { Email = "ops@demo.example", Name = "Ops", Password = Guid.NewGuid().ToString() },
                    };
                    foreach (var admin in admins)
                    {
                        if (await users.FindByEmailAsync(admin.Email) == null)
                        {
                            await users.CreateAsync(new ApplicationUser { UserName = admin.Email, Email = admin.Email, DisplayName = admin.Name });
                            logger.LogInformation("Created admin {Email}", admin.Email);
                        }
                    }

                    // One of them given what the caller gave: a person's address.
                    foreach (var member in new[] { new { Email = "team@demo.example" }, new { Email = invited } })
                    {
                        await users.FindByEmailAsync(member.Email);
                        {|#1:logger.LogInformation("Member {Email}", member.Email)|};
                    }
                }

                private async Task SetupDoctorAsync(string email, string name)
                {
                    var user = await users.FindByEmailAsync(email) ?? await CreateUserAsync(email, name);
                    logger.LogInformation("Doctor {Email} ready", email);
                }

                private async Task<ApplicationUser> CreateUserAsync(string email, string name)
                {
                    var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
                    await users.CreateAsync(user);
                    logger.LogInformation("Demo doctor created: {Email}", email);
                    return user;
                }

                private async Task<ApplicationUser?> EnsureOwnerAsync(string email, string name)
                {
                    var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
                    var result = await users.CreateAsync(user);
                    if (!result.Succeeded)
                    {
                        logger.LogWarning("Failed to create demo owner {Email}", email);
                        return null;
                    }

                    return user;
                }

                private async Task EnsureGuestAsync(string email)
                {
                    await users.CreateAsync(new ApplicationUser { Email = email });
                    {|#0:logger.LogInformation("Guest {Email}", email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email)", "DemoSeeder.EnsureGuestAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_value_a_constant_template_has_no_hole_for_is_not_written() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class EmailWorker(ILogger<EmailWorker> logger)
            {
                public void Failed(Exception ex, ApplicationUser user, string template)
                {
                    logger.LogError(ex, "Email failed to send", user.Email);
                    logger.LogError(ex, "Email failed to send", new object?[] { user.Email });
                    {|#0:logger.LogInformation("Sent to {Email}", user.Email, user.PhoneNumber)|};
                    // A template the analysis cannot read may have a hole for it.
                    {|#1:logger.LogInformation(template, user.PhoneNumber)|};
                    // Not a template's value: the category is written beside the message.
                    {|#2:System.Diagnostics.Trace.WriteLine("Email failed to send", user.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.PhoneNumber (contact.phone)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email)", "Trace.WriteLine"));

    [Fact]
    public Task A_positional_record_deconstructed_keeps_its_members_apart_and_a_lookup_returning_one_names_its_user() =>
        V.WithLibrariesAsync("using System.Collections.Generic;\n" + Usings + User + """
            public record UserWithRoles(ApplicationUser User, List<string> Roles);

            public interface IUserRepository
            {
                Task<UserWithRoles?> GetByEmailOrUsernameWithRolesAsync(string emailOrUsername);
            }

            public sealed class LoginHandler(IUserRepository users, ILogger<LoginHandler> logger)
            {
                public async Task Handle(string login)
                {
                    // A look-up of the user the record holds: what it is given is at least the address.
                    var found = await users.GetByEmailOrUsernameWithRolesAsync(login);
                    if (found is null)
                    {
                        {|#1:logger.LogWarning("Login failed, no user: {Input}", login)|};
                        return;
                    }

                    var (user, roles) = found;
                    logger.LogInformation("User {UserId} logged in [{Roles}]", user.Id, string.Join(", ", roles));
                    {|#0:logger.LogInformation("User {Email} logged in", user.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task A_one_time_token_an_applications_service_makes_from_an_address_is_not_the_address() =>
        V.WithLibrariesAsync(Usings + User + """
            // Implemented in another project.
            public interface IUserService
            {
                Task<string> GetEmailVerificationTokenAsync(string userName);
                Task<string> GetGreetingAsync(string userName);
            }

            public sealed class AccountsController(IUserService users, ILogger<AccountsController> logger)
            {
                public async Task SendVerification(ApplicationUser user)
                {
                    var token = await users.GetEmailVerificationTokenAsync(user.Email!);
                    logger.LogInformation("Verification token {Token}", token);

                    // Not a token: what it makes of the address may hold it.
                    var greeting = await users.GetGreetingAsync(user.Email!);
                    {|#0:logger.LogInformation("Greeting {Greeting}", greeting)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_claim_read_through_the_applications_own_helper_is_the_claim_its_type_names() =>
        V.WithLibrariesAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public static class ClaimsPrincipalExtensions
            {
                public static string GetEmailAddress(this ClaimsPrincipal principal) => GetClaim(principal, ClaimTypes.Email);

                public static string GetTenant(this ClaimsPrincipal principal) => GetClaim(principal, "tenant_id");

                public static string GetClaimValue(this ClaimsPrincipal principal, string type) => principal.FindFirstValue(type) ?? "";

                private static string GetClaim(ClaimsPrincipal principal, string claimType) =>
                    principal.FindFirstValue(claimType) ?? throw new InvalidOperationException($"No '{claimType}' claim found.");
            }

            public sealed class HomeController(ILogger<HomeController> logger) : Controller
            {
                public IActionResult Index()
                {
                    {|#0:logger.LogInformation("Signed in as {Email}", User.GetEmailAddress())|};
                    logger.LogInformation("Tenant {Tenant}", User.GetTenant());
                    logger.LogInformation("Subject {Sub}", User.GetClaimValue("sub"));
                    {|#1:logger.LogInformation("Name {Name}", User.GetClaimValue(ClaimTypes.Name))|};
                    return View();
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim ClaimTypes.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_string_handed_to_the_applications_own_user_lookup_is_that_users_data() =>
        V.WithLibrariesAsync(Usings + User + """
            // The application's own user manager, implemented over UserManager<T> in another project.
            public interface IAppUserManager
            {
                Task<ApplicationUser?> GetUserByEmailAsync(string email);
                Task<ApplicationUser?> GetByEmailOrUsernameAsync(string emailOrUsername);
                Task<bool> IsReservedAsync(string email);
            }

            public sealed class PasswordService(IAppUserManager users, ILogger<PasswordService> logger)
            {
                public async Task ForgotPassword(string email, string reference)
                {
                    var user = await users.GetUserByEmailAsync(email.Trim());
                    if (user is null)
                    {
                        {|#0:logger.LogWarning("No account for {Email}", email)|};
                        return;
                    }

                    // Not a look-up of a user: what it is given says nothing.
                    await users.IsReservedAsync(reference);
                    logger.LogInformation("Reset requested, reference {Reference}", reference);
                }

                public async Task ResendVerification(string login)
                {
                    // Found by the address or the name: at least the address.
                    if (await users.GetByEmailOrUsernameAsync(login) is null)
                    {
                        {|#1:logger.LogInformation("No account for {Login}", login)|};
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogWarning"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Identitys_normalized_email_and_user_name_are_the_personal_data_they_copy() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ModerationHub(ILogger<ModerationHub> logger, UserManager<ApplicationUser> users)
            {
                public async Task SetStatus(ClaimsPrincipal principal, ApplicationUser other)
                {
                    var user = await users.GetUserAsync(principal);
                    {|#0:Console.WriteLine($"Status set by {user?.NormalizedUserName ?? "NULL"}")|};
                    {|#1:logger.LogInformation("Lookup key {Key}", other.NormalizedEmail)|};
                    logger.LogInformation("Confirmed {Confirmed}", other.EmailConfirmed);
                    // A whole user still names what it holds once: the address, not also its upper-cased copy.
                    {|#2:logger.LogInformation("User {@User}", other)|};
                }
            }
            """,
            Logged(0, "IdentityUser.NormalizedUserName (identity.name)", "Console.WriteLine"),
            Logged(1, "IdentityUser.NormalizedEmail (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_mediators_response_is_what_its_handler_returns_and_from_a_handler_elsewhere_what_its_type_declares() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using MediatR;
            """ + User + """

            public sealed class CommandResult
            {
                public bool Successful { get; set; }
                public dynamic? ObjectId { get; set; }
            }

            // Handled in another project: no handler for it in this compilation.
            public sealed class EditArticleCommand : IRequest<CommandResult>
            {
                public string AuthorName { get; set; } = "";
                public string AuthorEmail { get; set; } = "";
            }

            public sealed record Lookup(string Email) : IRequest<string>;

            public sealed class LookupHandler : IRequestHandler<Lookup, string>
            {
                public Task<string> Handle(Lookup request, CancellationToken cancellationToken) => Task.FromResult("found " + request.Email);
            }

            public sealed class EditModel(IMediator mediator, ILogger<EditModel> logger)
            {
                public async Task OnPostAsync(ApplicationUser user)
                {
                    var result = await mediator.Send(new EditArticleCommand { AuthorName = user.UserName!, AuthorEmail = user.Email! });
                    logger.LogWarning($"Routing for the slug: {result.ObjectId}");
                    var found = await mediator.Send(new Lookup(user.Email!));
                    {|#0:logger.LogInformation("Lookup: {Found}", found)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_password_hash_made_for_a_user_is_not_the_users_data() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Seeder(IPasswordHasher<ApplicationUser> hasher, ILogger<Seeder> logger)
            {
                public void Run(ApplicationUser user)
                {
                    var hash = new PasswordHasher<ApplicationUser>().HashPassword(user, "P@ssw0rd!");
                    Console.WriteLine(hash);
                    logger.LogInformation("Hash {Hash}", hasher.HashPassword(user, "P@ssw0rd!"));
                    {|#0:logger.LogInformation("Seeded {User}", user.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_pipeline_behaviour_that_destructures_every_request_or_response_logs_what_those_it_runs_for_carry() =>
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using MediatR;
            using MediatR.Pipeline;

            public sealed class RegisterCommand : IRequest<int>
            {
                [Pii("contact.email")] public string Email { get; set; } = "";
                public string Plan { get; set; } = "";
            }

            public sealed record InviteCommand([Pii("contact.email")] string Email, int TeamId) : IRequest<int>;

            public sealed class Profile
            {
                [Pii("identity.name")] public string Name { get; set; } = "";
            }

            public sealed class GetProfile : IRequest<Profile>
            {
                public int Id { get; set; }
            }

            public sealed class GetProfileHandler : IRequestHandler<GetProfile, Profile>
            {
                public Task<Profile> Handle(GetProfile request, CancellationToken cancellationToken) => Task.FromResult(new Profile());
            }

            public sealed class RenameProject : IRequest<int>
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class Joined : INotification
            {
                [Pii("identity.name")] public string Name { get; set; } = "";
            }

            public sealed class RegisterHandler : IRequestHandler<RegisterCommand, int>
            {
                public Task<int> Handle(RegisterCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
            }

            public sealed class InviteHandler : IRequestHandler<InviteCommand, int>
            {
                public Task<int> Handle(InviteCommand request, CancellationToken cancellationToken) => Task.FromResult(request.TeamId);
            }

            public sealed class RenameHandler : IRequestHandler<RenameProject, int>
            {
                public Task<int> Handle(RenameProject request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
            }

            public sealed class JoinedHandler : INotificationHandler<Joined>
            {
                public Task Handle(Joined notification, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
            {
                public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
                {
                    {|#0:logger.LogInformation("Request {Name} {@Request}", typeof(TRequest).Name, request)|};
                    {|#2:logger.LogInformation("Request {Name} {Request}", typeof(TRequest).Name, request)|};
                    var response = await next();
                    {|#3:logger.LogInformation("Response {@Response}", response)|};
                    return response;
                }
            }

            public sealed class RequestLogger<TRequest>(ILogger<RequestLogger<TRequest>> logger) : IRequestPreProcessor<TRequest>
            {
                public Task Process(TRequest request, CancellationToken cancellationToken)
                {
                    {|#1:logger.LogInformation("Request {@Request}", request)|};
                    return Task.CompletedTask;
                }
            }

            public static class Dump
            {
                public static void Value<T>(ILogger logger, T value) => logger.LogInformation("{@Value}", value);
            }
            """,
            Logged(0, "InviteCommand.Email (contact.email), RegisterCommand.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "InviteCommand.Email (contact.email), RegisterCommand.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "InviteCommand.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(3, "Profile.Name (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_pipeline_behaviour_that_destructures_every_request_logs_what_their_handlers_say_of_their_members() =>
        // AssetOtinchiev/crypto-bank-monolith: a MediatR logging behaviour writes every request destructured at Debug; the
        // sign-in's handler hands request.Password to the application's password helper, so the sign-in's password is
        // logged with every sign-in. A request whose handler says nothing of its members (an id, a title) logs nothing.
        V.WithLibrariesAsync(Usings + """
            using System.Threading;
            using MediatR;

            public sealed record SignIn(string Email, string Password) : IRequest<string>;

            public sealed record Rename(int Id, string Title) : IRequest<int>;

            public interface IPasswordHelper
            {
                bool VerifyPassword(string password, string passwordHash);
            }

            public sealed class SignInHandler(IPasswordHelper passwords) : IRequestHandler<SignIn, string>
            {
                public Task<string> Handle(SignIn request, CancellationToken cancellationToken) =>
                    Task.FromResult(passwords.VerifyPassword(request.Password, "stored") ? "token" : "");
            }

            public sealed class RenameHandler : IRequestHandler<Rename, int>
            {
                public Task<int> Handle(Rename request, CancellationToken cancellationToken) => Task.FromResult(request.Title.Length + request.Id);
            }

            public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
            {
                public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
                {
                    {|#0:logger.LogDebug("Request: {@Request}", request)|};
                    {|#1:logger.LogDebug("Request: {Request}", request)|};
                    var response = await next();
                    logger.LogDebug("Response: {@Response}", response);
                    return response;
                }
            }
            """,
            Secret(0, "IPasswordHelper.VerifyPassword(password) (account.credentials)", "logged", "LoggerExtensions.LogDebug"),
            Secret(1, "IPasswordHelper.VerifyPassword(password) (account.credentials)", "logged", "LoggerExtensions.LogDebug"));

    [Fact]
    public Task What_a_third_party_answers_is_not_what_it_was_sent() =>
        V.WithLibrariesAsync("using System.Net.Http.Json;\n" + Usings + User + """
            public sealed class Verification(HttpClient http, ILogger<Verification> logger)
            {
                public async Task RequestAsync(ApplicationUser user)
                {
                    var response = await {|#0:http.PostAsJsonAsync("https://verify.example.invalid/code", new { user.Email })|};
                    var body = await response.Content.ReadAsStringAsync();
                    logger.LogInformation("Server response: {Body}", body);
                    Console.WriteLine("Server response: " + body);
                    var page = await {|#1:http.GetStringAsync("https://directory.example.invalid/?q=" + user.UserName)|};
                    logger.LogInformation("Directory page: {Page}", page);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an HTTP endpoint", "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(1, "IdentityUser.UserName (identity.name)", "an HTTP endpoint", "HttpClient.GetStringAsync"));

    [Fact]
    public Task A_verdict_on_a_user_or_a_resource_is_not_what_was_judged() =>
        V.WithLibrariesAsync("using Microsoft.AspNetCore.Authorization;\n" + Usings + User + """
            public class Quiz { public int Id { get; set; } public ApplicationUser User { get; set; } = null!; }
            public interface IAccounts { Task<SignInResult> LoginAsync(string userName, string password); }

            public sealed class Quizzes(ILogger<Quizzes> logger, IAuthorizationService authorization, IAccounts accounts)
            {
                public async Task Open(ClaimsPrincipal principal, Quiz quiz)
                {
                    var result = await authorization.AuthorizeAsync(principal, quiz, "CanAccessQuiz");
                    if (!result.Succeeded)
                    {
                        logger.LogInformation("Failed: {Requirements}, because {Reasons}", result.Failure!.FailedRequirements, result.Failure.FailureReasons);
                        {|#0:logger.LogInformation("Quiz {Id} of {Owner} denied", quiz.Id, quiz.User.Email)|};
                    }
                }

                public async Task SignIn(ApplicationUser user, string password)
                {
                    var outcome = await accounts.LoginAsync(user.UserName!, password);
                    logger.LogInformation("Sign-in: {Outcome}", outcome);
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_address_set_through_an_applications_store_derived_from_Identitys_is_the_users_address() =>
        V.WithLibrariesAsync("using IMailer = Microsoft.AspNetCore.Identity.UI.Services.IEmailSender;\n" + Usings + User + """
            public abstract class AppUserStore(IdentityErrorDescriber describer)
                : UserStoreBase<ApplicationUser, string, IdentityUserClaim<string>, IdentityUserLogin<string>, IdentityUserToken<string>>(describer);

            public sealed class RegisterForm
            {
                public string Email { get; set; } = "";
                public string Nickname { get; set; } = "";
            }

            public sealed class Registration(AppUserStore store, IMailer mail)
            {
                public async Task Register(RegisterForm input)
                {
                    var user = new ApplicationUser();
                    await store.SetEmailAsync(user, input.Email, default);
                    await {|#0:mail.SendEmailAsync(input.Email, "Confirm your email", "Welcome")|};
                    await mail.SendEmailAsync("team@example.invalid", "New member", input.Nickname);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendEmailAsync"));

    [Fact]
    public Task A_callee_that_logs_some_members_of_a_record_it_is_given_logs_only_what_those_members_hold() =>
        V.WithLibrariesAsync("using MimeKit;\n" + Usings + User + """
            public interface IEmail
            {
                string ReceiverEmail { get; }
                string? ReceiverName { get; }
                string Subject { get; }
                string Display { get; }
            }

            public sealed record StaticEmail(string ReceiverEmail, string? ReceiverName, string Subject) : IEmail
            {
                public string Display => ReceiverName + " <" + ReceiverEmail + ">";
            }

            public sealed class EmailFactory
            {
                public ValueTask<IEmail> CreateAsync(string to, string? name, string subject) => ValueTask.FromResult<IEmail>(new StaticEmail(to, name, subject));
            }

            public sealed class SmtpService(ILogger<SmtpService> logger)
            {
                public async ValueTask SendAsync(IEmail email)
                {
                    var message = new MimeMessage { Subject = email.Subject };
                    message.To.Add(new MailboxAddress(email.ReceiverName, email.ReceiverEmail));
                    using var client = new MailKit.Net.Smtp.SmtpClient();
                    await client.SendAsync(message);
                    logger.LogInformation("Sent to {Email} ({Subject})", email.ReceiverEmail, email.Subject);
                }

                public void Audit(IEmail email) => logger.LogInformation("Mail for {Display}", email.Display);
            }

            public sealed class Sender(EmailFactory factory, SmtpService service)
            {
                public async Task Send(ApplicationUser user, string address)
                {
                    var mail = await factory.CreateAsync(address, user.DisplayName, "Welcome");
                    await {|#0:service.SendAsync(mail)|};
                    {|#1:service.Audit(mail)|};
                }
            }
            """,
            Shared(0, "ApplicationUser.DisplayName (personal data)", "an e-mail recipient", "SmtpService.SendAsync → MailTransport.SendAsync"),
            Logged(1, "ApplicationUser.DisplayName (personal data)", "SmtpService.Audit → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_log_entry_whose_message_the_callee_rebuilds_from_its_other_members_still_carries_them() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class LogEntry
            {
                public string Message { get; set; } = "";
                public string Properties { get; set; } = "";
            }

            public sealed class LogManager(ILogger<LogManager> logger)
            {
                public void Log(string message, params object[] args)
                {
                    var entry = new LogEntry { Message = message, Properties = string.Join("|", args) };
                    Write(entry);
                }

                private void Write(LogEntry entry)
                {
                    entry = Rebuild(entry);
                    logger.LogInformation(entry.Message);
                }

                private static LogEntry Rebuild(LogEntry entry)
                {
                    entry.Message = entry.Message + " " + entry.Properties;
                    return entry;
                }
            }

            public sealed class Accounts(LogManager log)
            {
                public void SignedIn(ApplicationUser user) => {|#0:log.Log("Signed in {Name}", user.UserName!)|};
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LogManager.Log → LogManager.Write → LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_object_stamped_with_the_users_name_is_read_by_a_callee_member_by_member_unless_the_callee_changes_it() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Booker
            {
                public string Note { get; set; } = "";
            }

            public sealed class Quote
            {
                public string Id { get; set; } = "";
                public string? RespondedBy { get; set; }
                public Booker Draft { get; set; } = new();
            }

            public interface INotifier
            {
                Task RespondedAsync(Quote quote);
            }

            public sealed class Notifier(ILogger<Notifier> logger) : INotifier
            {
                // Only the id and the draft's note: neither holds the responder's name.
                public Task RespondedAsync(Quote quote)
                {
                    logger.LogInformation("Quote {Id} responded: {Note}", quote.Id, quote.Draft.Note);
                    return Task.CompletedTask;
                }

                public void Audit(Quote quote) => logger.LogInformation("Quote {Id} by {By}", quote.Id, quote.RespondedBy);

                // Moves the responder into the id before it logs the id.
                public void Stamped(Quote quote)
                {
                    Stamp(quote);
                    logger.LogInformation("Quote {Id}", quote.Id);
                }

                private static void Stamp(Quote quote) => quote.Id = quote.Id + "/" + quote.RespondedBy;
            }

            public sealed class Quotes(INotifier notifier, Notifier concrete)
            {
                public async Task Respond(ClaimsPrincipal user, Quote quote)
                {
                    quote.RespondedBy = user.Identity?.Name;
                    await notifier.RespondedAsync(quote);
                    {|#0:concrete.Audit(quote)|};
                    {|#1:concrete.Stamped(quote)|};
                }

                public async Task Draft(ClaimsPrincipal user)
                {
                    var quote = new Quote { Id = "q1" };
                    quote.Draft.Note = user.Identity?.Name ?? "";
                    await {|#2:notifier.RespondedAsync(quote)|};
                }
            }
            """,
            Logged(0, "IIdentity.Name (identity.name)", "Notifier.Audit → LoggerExtensions.LogInformation"),
            Logged(1, "IIdentity.Name (identity.name)", "Notifier.Stamped → LoggerExtensions.LogInformation"),
            Logged(2, "IIdentity.Name (identity.name)", "INotifier.RespondedAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_seeders_addresses_made_from_its_constant_accounts_and_the_users_made_of_them_are_not_a_persons_data() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class TestDataSeeder(UserManager<ApplicationUser> users)
            {
                public async Task SeedAsync(string configured)
                {
                    var accounts = new (string First, string Username)[]
                    {
                        ("Arta", "arta.hoxha"),
                        ("Besnik", "besnik.cela"),
                    };
                    var seeded = new List<ApplicationUser>();
                    foreach (var account in accounts)
                    {
                        var email = $"{account.Username}@example.local";
                        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = account.First };
                        var result = await users.CreateAsync(user, "Citizen#2024");
                        if (result.Succeeded)
                        {
                            seeded.Add(user);
                            continue;
                        }

                        Console.WriteLine($"could not create {email}");
                        Console.WriteLine($"could not create {user.Email}");
                        var existing = await users.FindByEmailAsync(user.Email!);
                    }

                    foreach (var (first, username) in accounts)
                    {
                        var email = username.ToLowerInvariant() + "@example.local";
                        var user = new ApplicationUser { UserName = email, Email = email };
                        if (!(await users.CreateAsync(user)).Succeeded)
                        {
                            Console.WriteLine($"could not create {email} for {first}");
                        }
                    }

                    // Made of a caller's value, or given one after it was made: a person's address.
                    var invited = new ApplicationUser { UserName = configured, Email = configured };
                    await users.CreateAsync(invited);
                    {|#0:Console.WriteLine($"invited {invited.Email}")|};

                    var changed = new ApplicationUser { UserName = "demo@example.local", Email = "demo@example.local" };
                    await users.SetEmailAsync(changed, configured);
                    {|#1:Console.WriteLine($"changed {changed.Email}")|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "Console.WriteLine"),
            Logged(1, "IdentityUser.Email (contact.email)", "Console.WriteLine"));

    [Fact]
    public Task Telemetry_tracked_with_Application_Insights_is_a_log_with_the_properties_it_was_given() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\nusing Microsoft.ApplicationInsights;\nusing Microsoft.ApplicationInsights.DataContracts;\n" + User + """
            public sealed class Tracking(TelemetryClient telemetry)
            {
                public void Forbidden(ClaimsPrincipal user, string path)
                {
                    var request = new RequestTelemetry { Name = path, ResponseCode = "403" };
                    request.Properties["UserId"] = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
                    request.Properties["Username"] = user.Identity?.Name ?? "anonymous";
                    {|#0:telemetry.TrackRequest(request)|};
                }

                public void SignedIn(ApplicationUser user)
                {
                    {|#1:telemetry.TrackEvent("SignedIn", new Dictionary<string, string> { ["email"] = user.Email! })|};
                    telemetry.TrackEvent("SignedIn", new Dictionary<string, string> { ["id"] = user.Id });
                    {|#2:telemetry.TrackTrace($"{user.UserName} signed in")|};
                }

                // Nothing of a person: a path, a duration.
                public void Slow(string path, double milliseconds)
                {
                    var slow = new EventTelemetry("SlowRequest");
                    slow.Properties["Endpoint"] = path;
                    telemetry.TrackEvent(slow);
                    telemetry.TrackMetric("RequestDuration", milliseconds);
                }
            }
            """,
            Logged(0, "IIdentity.Name (identity.name)", "TelemetryClient.TrackRequest"),
            Logged(1, "IdentityUser.Email (contact.email)", "TelemetryClient.TrackEvent"),
            Logged(2, "IdentityUser.UserName (identity.name)", "TelemetryClient.TrackTrace"));

    [Fact]
    public Task A_member_of_a_form_the_method_names_a_user_is_not_held_in_the_forms_other_members_a_callee_reads() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\nusing System.IO;\nusing Microsoft.AspNetCore.Http;\n" + User + """
            public sealed class QuestionForm
            {
                public int QuestionId { get; set; }
                public IFormFile? ImageFile { get; set; }
            }

            public sealed class QuizForm
            {
                public int QuizId { get; set; }
                public string? TeacherId { get; set; }
                public List<QuestionForm> Questions { get; set; } = new();
            }

            public sealed class QuizEditor(UserManager<ApplicationUser> users, ILogger<QuizEditor> logger)
            {
                public async Task Edit(QuizForm form)
                {
                    var teacher = await users.FindByNameAsync(form.TeacherId!);
                    await Upload(form);
                    {|#0:Assign(form)|};
                }

                // Reads only the questions' files (and changes the questions): no user's name.
                private async Task Upload(QuizForm form)
                {
                    foreach (var question in form.Questions)
                    {
                        question.QuestionId = 0;
                        if (question.ImageFile != null)
                        {
                            logger.LogWarning("Invalid file extension: {Extension}", Path.GetExtension(question.ImageFile.FileName));
                            await Task.Yield();
                        }
                    }
                }

                private void Assign(QuizForm form) => logger.LogInformation("Quiz {Id} assigned to {Teacher}", form.QuizId, form.TeacherId);
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "QuizEditor.Assign → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_request_member_a_callee_hands_to_a_look_up_of_users_is_personal_where_the_controller_logs_it() =>
        V.WithLibrariesAsync(Usings + User + """
            public sealed class CaseRequest
            {
                public string PhoneNumber { get; set; } = "";
                public string? Name { get; set; }
            }

            public sealed class CaseResponse
            {
                public string Message { get; set; } = "";
            }

            public sealed class CasesController(UserManager<ApplicationUser> users, ILogger<CasesController> logger)
            {
                // Reads nothing personal itself: its callee says what the request's number is.
                public async Task<CaseResponse?> Create(CaseRequest request)
                {
                    if (request.Name == null)
                    {
                        // Read before the call, conditionally: still the number the callee looks users up by.
                        {|#0:logger.LogWarning("Unnamed case from {PhoneNumber}", request?.PhoneNumber)|};
                    }

                    try
                    {
                        return await CreateInternal(request!);
                    }
                    catch (Exception ex)
                    {
                        {|#1:logger.LogError(ex, "Error creating case from {PhoneNumber}", request!.PhoneNumber)|};
                        return null;
                    }
                }

                // Nothing of the request's number: its name is not looked up.
                public async Task<CaseResponse?> Named(CaseRequest request)
                {
                    var response = await Describe(request);
                    logger.LogInformation("Case for {Name}", request.Name);
                    return response;
                }

                private async Task<CaseResponse> CreateInternal(CaseRequest request)
                {
                    var user = await FindByPhone(request.PhoneNumber);
                    return new CaseResponse { Message = user == null ? "new" : "known" };
                }

                private Task<CaseResponse> Describe(CaseRequest request) => Task.FromResult(new CaseResponse { Message = request.Name ?? "" });

                private Task<ApplicationUser?> FindByPhone(string phoneNumber) =>
                    Task.FromResult(users.Users.FirstOrDefault(u => u.PhoneNumber == phoneNumber));
            }
            """,
            Logged(0, "IdentityUser.PhoneNumber (contact.phone)", "LoggerExtensions.LogWarning"),
            Logged(1, "IdentityUser.PhoneNumber (contact.phone)", "LoggerExtensions.LogError"));

    [Fact]
    public Task A_seeders_users_made_of_names_picked_from_constant_arrays_and_carried_through_a_list_are_not_a_persons_data() =>
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class BulkSeeder(UserManager<ApplicationUser> users)
            {
                public async Task SeedAsync(string configured)
                {
                    var male = new[] { "Agim", "Alban", "Arben" };
                    var female = new[] { "Alma", "Arta", "Blerta" };
                    var last = new[] { "Hoxha", "Shehu", "Basha" };
                    var batch = new List<(ApplicationUser User, string Password, string Role)>();
                    for (var i = 0; i < 100; i++)
                    {
                        var firstNames = i % 2 == 0 ? male : female;
                        var first = firstNames[Random.Shared.Next(firstNames.Length)];
                        var surname = last[Random.Shared.Next(last.Length)];
                        var attempt = 0;
                        string username;
                        string email;
                        do
                        {
                            var suffix = attempt == 0 ? "" : $"{attempt}";
                            username = $"{first.ToLower()}.{surname.ToLower()}{suffix}";
                            email = $"{username}@example.local";
                            attempt++;
                        }
                        while (await users.FindByEmailAsync(email) != null);

                        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = first };
                        user.PhoneNumber = null;
                        batch.Add((user, i < 30 ? "Pro#2024" : "Citizen#2024", i < 30 ? "Professional" : "Citizen"));
                    }

                    foreach (var (u, password, role) in batch)
                    {
                        var result = await users.CreateAsync(u, password);
                        if (result.Succeeded)
                        {
                            await users.AddToRoleAsync(u, role);
                            continue;
                        }

                        Console.WriteLine($"could not create {u.Email}");
                    }

                    batch.Clear();

                    // A list that also holds a user made of a caller's value, or whose users the loop gives an address.
                    var mixed = new List<(ApplicationUser User, string Role)>();
                    mixed.Add((new ApplicationUser { UserName = "demo@example.local", Email = "demo@example.local" }, "Citizen"));
                    mixed.Add((new ApplicationUser { UserName = configured, Email = configured }, "Citizen"));
                    foreach (var (u, role) in mixed)
                    {
                        {|#0:Console.WriteLine($"could not create {u.Email}")|};
                    }

                    var renamed = new List<ApplicationUser>();
                    renamed.Add(new ApplicationUser { UserName = "demo@example.local", Email = "demo@example.local" });
                    foreach (var u in renamed)
                    {
                        u.Email = configured;
                        {|#1:Console.WriteLine($"could not create {u.Email}")|};
                    }

                    // Picked from an array the method also fills with a caller's value.
                    var names = new[] { "Agim", "Alban" };
                    names[0] = configured;
                    var picked = new ApplicationUser { UserName = names[Random.Shared.Next(2)], Email = "x@example.local" };
                    {|#2:Console.WriteLine($"could not create {picked.UserName}")|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Console.WriteLine"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "Console.WriteLine"),
            Logged(2, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "Console.WriteLine"));

    [Fact]
    public Task A_helper_that_puts_an_argument_in_another_argument_makes_the_callers_object_carry_it() =>
        V.WithLibrariesAsync(Usings + """
            using MailKit.Net.Smtp;
            using MimeKit;
            """ + User + """

            public sealed class Mailer
            {
                public async Task SendAsync(string to, string subject, string body)
                {
                    var message = new MimeMessage();
                    message.From.Add(new MailboxAddress("Shop", "shop@example.invalid"));
                    AddRecipients(message.To, to);
                    message.Subject = subject;
                    message.Body = new TextPart("html") { Text = body };
                    using var client = new SmtpClient();
                    await client.SendAsync(message);
                }

                private static void AddRecipients(InternetAddressList recipients, string addresses) =>
                    recipients.AddRange(InternetAddressList.Parse(addresses.Replace(';', ',')));
            }

            public sealed class Envelope
            {
                public string To { get; set; } = "";
                public string Subject { get; set; } = "";
            }

            public sealed class Accounts(Mailer mailer, ILogger<Accounts> logger)
            {
                public Task Reset(ApplicationUser user) => {|#0:mailer.SendAsync(user.Email!, "Reset", "Follow the link")|};

                public Task Notice() => mailer.SendAsync("ops@example.invalid", "Notice", "Nightly run done");

                public void Queue(ApplicationUser user)
                {
                    var envelope = new Envelope { Subject = "Welcome" };
                    Address(envelope, user.Email!);
                    logger.LogInformation("Queued {Subject}", envelope.Subject);
                    {|#1:logger.LogInformation("Queued for {To}", envelope.To)|};

                    // Handed the user's address, the helper keeps only a constant.
                    var other = new Envelope();
                    Stamp(other, user.Email!);
                    logger.LogInformation("Queued for {To}", other.To);
                }

                private static void Address(Envelope envelope, string to) => envelope.To = to;

                private static void Stamp(Envelope envelope, string to) => envelope.To = to.Length > 0 ? "ops@example.invalid" : "";
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "Mailer.SendAsync → MailTransport.SendAsync"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_value_looked_up_with_an_empty_text_for_null_is_what_the_look_up_says_it_is() =>
        V.WithLibrariesAsync(Usings + User + """

            public sealed class LoginRequest
            {
                public string? Email { get; set; }
                public string? ReturnUrl { get; set; }
            }

            public sealed class LoginController(UserManager<ApplicationUser> users, ILogger<LoginController> logger)
            {
                public async Task<bool> Login(LoginRequest req, string? fallback)
                {
                    {|#0:logger.LogInformation("Attempt for {Email}", req.Email)|};
                    var user = await users.FindByEmailAsync(req.Email ?? string.Empty);
                    logger.LogInformation("Back to {Url}", req.ReturnUrl ?? string.Empty);
                    return user != null;
                }

                // A fallback that is not the program's text: the look-up is given something else than the member.
                public async Task<bool> Other(LoginRequest req, string fallback)
                {
                    logger.LogInformation("Attempt for {Email}", req.Email);
                    var user = await users.FindByEmailAsync(req.Email ?? fallback);
                    return user != null;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_property_computed_from_the_principals_claims_is_what_its_getter_returns() =>
        V.WithLibrariesAsync(Usings + """
            using Microsoft.AspNetCore.Http;
            """ + User + """

            public interface ICurrentUser
            {
                string UserName { get; }
                string Region { get; }
                string Tenant { get; set; }
            }

            public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
            {
                public string UserName => accessor.HttpContext?.User.FindFirst(ClaimTypes.Name)?.Value ?? string.Empty;

                public string Region
                {
                    get { return accessor.HttpContext?.Request.Headers["X-Region"].ToString() ?? "eu"; }
                }

                public string Tenant { get; set; } = "default";

                public string Email
                {
                    get { return accessor.HttpContext?.User.FindFirst(ClaimTypes.Email)?.Value ?? ""; }
                }
            }

            public sealed class Reports(ICurrentUser current, CurrentUser concrete, ILogger<Reports> logger)
            {
                public void Run()
                {
                    {|#0:logger.LogInformation("Report for {User}", current.UserName)|};
                    logger.LogInformation("Report in {Region} for {Tenant}", current.Region, current.Tenant);
                    {|#1:logger.LogInformation("Report mailed to {Email}", concrete.Email)|};
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Name (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_log_through_a_logger_the_caller_gives_none_of_writes_nothing() =>
        V.WithLibrariesAsync(Usings + User + """

            public static class Subscriptions
            {
                public static void Upsert(string email, string cron, string? customer = null, ILogger? logger = null)
                {
                    if (cron.Length > 0)
                    {
                        logger?.LogInformation("Normalized subscription for {Email}: {Customer}", email, customer ?? "none");
                    }
                }

                public static void Remove(string email, ILogger logger) => logger.LogInformation("Removed {Email}", email);

                // Written to the console whatever logger the caller gives: that path is the one named.
                public static void Print(string email, ILogger? logger = null)
                {
                    logger?.LogInformation("Printing {Email}", email);
                    Console.WriteLine(email);
                }
            }

            public sealed class SubscriptionStore
            {
                public void Upsert(string email) => Subscriptions.Upsert(email, "0 6 * * *");
            }

            public sealed class Page(SubscriptionStore store, ILogger<Page> logger)
            {
                public void Add(ApplicationUser user)
                {
                    store.Upsert(user.Email!);
                    Subscriptions.Upsert(user.Email!, "0 6 * * *", null);
                    {|#0:Subscriptions.Upsert(user.Email!, "0 6 * * *", logger: logger)|};
                    {|#1:Subscriptions.Remove(user.Email!, logger)|};
                    {|#2:Subscriptions.Print(user.Email!)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Subscriptions.Upsert → LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "Subscriptions.Remove → LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.Email (contact.email)", "Subscriptions.Print → Console.WriteLine"));

    [Fact]
    public Task A_seeders_list_of_users_read_by_index_and_its_existing_owner_looked_up_by_a_constant_are_the_programs_text() =>
        V.WithLibrariesAsync(Usings + """
            using System.Collections.Generic;
            """ + User + """

            public sealed class Seeder(UserManager<ApplicationUser> users, ILogger<Seeder> logger)
            {
                public async Task SeedAsync(int admins, int regular, string configured)
                {
                    var list = new List<ApplicationUser>();
                    var existingOwner = await users.FindByEmailAsync("owner@example.local");
                    if (existingOwner != null)
                    {
                        list.Add(existingOwner);
                    }
                    else
                    {
                        var owner = new ApplicationUser { UserName = "owner@example.local", Email = "owner@example.local" };
                        list.Add(owner);
                    }

                    for (var i = 0; i < admins; i++)
                    {
                        list.Add(new ApplicationUser { UserName = $"admin{i + 1}@example.local", Email = $"admin{i + 1}@example.local" });
                    }

                    foreach (var user in list)
                    {
                        if (user.Email == "owner@example.local" && existingOwner != null)
                        {
                            continue;
                        }

                        // A password from the configuration is not what Identity names the user by.
                        var result = await users.CreateAsync(user, configured);
                        if (!result.Succeeded)
                        {
                            logger.LogError("Failed to create user {Email}: {Errors}", user.Email, string.Join(", ", result.Errors.Select(e => e.Description)));
                        }
                    }

                    // The admin the application's own look-up finds by a constant address, made of constants when missing.
                    var admin = await FindIncludingInactiveAsync(users, "admin@example.local");
                    if (admin == null)
                    {
                        admin = new ApplicationUser { UserName = "admin@example.local", Email = "admin@example.local" };
                        var made = await users.CreateAsync(admin, configured);
                        Console.WriteLine($"could not create the admin: {string.Join(';', made.Errors.Select(e => e.Description))}");
                    }

                    // The same look-up given a caller's value finds a person.
                    var person = await FindIncludingInactiveAsync(users, configured);
                    var updated = await users.UpdateAsync(person!);
                    {|#2:Console.WriteLine($"could not update: {string.Join(';', updated.Errors.Select(e => e.Description))}")|};

                    // The owner looked up by its constant address, made of constants when it is missing.
                    var seeded = await users.FindByEmailAsync("owner@example.local");
                    if (seeded == null)
                    {
                        seeded = new ApplicationUser { UserName = "owner@example.local", Email = "owner@example.local" };
                        var created = await users.CreateAsync(seeded, "Password123!");
                        logger.LogError("Failed to create the owner: {Errors}", string.Join(", ", created.Errors.Select(e => e.Description)));
                    }

                    var next = 0;
                    var ownerUser = list[next++];
                    await users.AddToRoleAsync(ownerUser, "Owner");
                    for (var i = next; i < list.Count; i++)
                    {
                        await users.AddToRoleAsync(list[i], "Admin");
                        logger.LogInformation("Assigned a role to {Email}", list[i].Email);
                    }

                    // A list that also holds a user looked up by a caller's value, or whose element gets a caller's address.
                    var mixed = new List<ApplicationUser>();
                    var found = await users.FindByEmailAsync(configured);
                    mixed.Add(found!);
                    for (var i = 0; i < mixed.Count; i++)
                    {
                        {|#0:logger.LogInformation("Assigned a role to {Email}", mixed[i].Email)|};
                    }

                    var renamed = new List<ApplicationUser> { new ApplicationUser { Email = "a@example.local" } };
                    var single = new List<ApplicationUser>();
                    single.Add(new ApplicationUser { Email = "b@example.local" });
                    single[0].Email = configured;
                    {|#1:logger.LogInformation("Assigned a role to {Email}", single[0].Email)|};
                }

                private static Task<ApplicationUser?> FindIncludingInactiveAsync(UserManager<ApplicationUser> users, string email) =>
                    users.FindByEmailAsync(email.ToUpperInvariant());
            }
            """,
            Logged(2, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "Console.WriteLine"),
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(1, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Identitys_errors_on_creating_or_renaming_a_user_name_the_user() =>
        V.WithLibrariesAsync(Usings + User + """

            public sealed class RegisterForm
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public sealed class Accounts(UserManager<ApplicationUser> users, ILogger<Accounts> logger)
            {
                public async Task Register(RegisterForm form)
                {
                    var user = new ApplicationUser { UserName = form.Email, Email = form.Email };
                    var created = await users.CreateAsync(user, form.Password);
                    if (!created.Succeeded)
                    {
                        {|#0:logger.LogWarning("Registration failed: {Errors}", string.Join(", ", created.Errors.Select(e => e.Description)))|};
                        return;
                    }

                    // Its text is whether it succeeded and the errors' codes; an error's own text is its type's name.
                    logger.LogWarning("Registration failed: {Result}", created.ToString());
                    logger.LogWarning("Registration failed: {Errors}", string.Join(", ", created.Errors));
                    logger.LogWarning("Registration failed: {Errors}", created.Errors);

                    // An error's code (DuplicateUserName) names no one, translated or not.
                    logger.LogWarning("Registration failed: {Codes}", string.Join(", ", created.Errors.Select(e => e.Code)));
                    if (created.Errors.Any(e => e.Code == "DuplicateUserName"))
                    {
                        throw new InvalidOperationException(string.Join(", ", created.Errors.Select(e => Translate("Auth." + e.Code))));
                    }

                    // Role errors name the role, not the user.
                    var role = await users.AddToRoleAsync(user, "Member");
                    logger.LogWarning("Role failed: {Errors}", string.Join(", ", role.Errors.Select(e => e.Description)));
                }

                private static string Translate(string key) => key.Replace("Auth.", "", StringComparison.Ordinal);

                public async Task ChangeEmail(ApplicationUser user, string newEmail)
                {
                    var changed = await users.SetEmailAsync(user, newEmail);
                    logger.LogInformation("Changed: {Succeeded}", changed.Succeeded);
                    {|#1:logger.LogWarning("Change failed: {Errors}", string.Join(", ", changed.Errors.Select(e => e.Description)))|};
                }

                public async Task SeedAsync()
                {
                    var admin = new ApplicationUser { UserName = "admin@example.local", Email = "admin@example.local" };
                    var created = await users.CreateAsync(admin, "Admin#2024");
                    logger.LogWarning("Seeding failed: {Errors}", string.Join(", ", created.Errors.Select(e => e.Description)));
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogWarning"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task An_entity_a_repository_gives_back_as_it_was_given_keeps_its_members_apart() =>
        V.WithLibrariesAsync(Usings + """
            using Microsoft.AspNetCore.Identity.UI.Services;

            public class Report
            {
                public int Id { get; set; }
                public int PatientId { get; set; }
                public string? LastUpdatedBy { get; set; }
                public string Status { get; set; } = "";
            }

            public interface IRepository<T>
            {
                Task<T> GetByIdAsync(int id);
                Task<T> UpdateAsync(T entity);
                T Touch(T entity);
                T Stamp(T entity);
            }

            public sealed class ReportRepository(ClaimsPrincipal current) : IRepository<Report>
            {
                public async Task<Report> GetByIdAsync(int id)
                {
                    await Task.Yield();
                    return new Report { Id = id };
                }

                public async Task<Report> UpdateAsync(Report entity)
                {
                    await Task.Yield();
                    if (entity.Id == 0)
                    {
                        return null!;
                    }

                    return entity;
                }

                // The parameter is given another object before it is returned: not the caller's argument.
                public Report Touch(Report entity)
                {
                    entity = new Report { Id = entity.Id, Status = entity.LastUpdatedBy ?? "" };
                    return entity;
                }

                // The argument itself, given what the repository puts in it of its own accord.
                public Report Stamp(Report entity)
                {
                    entity.Status = current.Identity?.Name ?? "";
                    return entity;
                }
            }

            public sealed class ReportService(IRepository<Report> repository)
            {
                public Task<Report> GetByIdAsync(int id) => repository.GetByIdAsync(id);

                public Task<Report> UpdateAsync(Report report) => repository.UpdateAsync(report);

                public Report Touch(Report report) => repository.Touch(report);

                public Report Stamp(Report report) => repository.Stamp(report);
            }

            public sealed class ReportBusiness(ReportService reports, IEmailSender sender)
            {
                public async Task UpdateAsync(Report report, ClaimsPrincipal user)
                {
                    var existing = await reports.GetByIdAsync(report.Id);
                    existing.Status = report.Status;
                    existing.LastUpdatedBy = user.Identity?.Name;
                    var updated = await reports.UpdateAsync(existing);
                    await sender.SendEmailAsync("records@example.local", "Report status", $"Now {updated.Status}");
                    await {|#0:sender.SendEmailAsync("records@example.local", "Report updated", $"By {updated.LastUpdatedBy}")|};
                    var touched = reports.Touch(existing);
                    await {|#1:sender.SendEmailAsync("records@example.local", "Report touched", $"Now {touched.Status}")|};
                    var fresh = await reports.GetByIdAsync(report.Id);
                    fresh.Status = report.Status;
                    var stamped = reports.Stamp(fresh);
                    await {|#2:sender.SendEmailAsync("records@example.local", "Report stamped", $"Now {stamped.Status}")|};
                }
            }
            """,
            Shared(0, "IIdentity.Name (identity.name)", "an e-mail recipient", "IEmailSender.SendEmailAsync"),
            Shared(1, "IIdentity.Name (identity.name)", "an e-mail recipient", "IEmailSender.SendEmailAsync"),
            Shared(2, "IIdentity.Name (identity.name)", "an e-mail recipient", "IEmailSender.SendEmailAsync"));

    [Fact]
    public Task A_base_method_called_on_a_derived_service_runs_that_services_overrides_of_what_it_calls_on_itself() =>
        // academykit: BaseGenericService<T>.CreateAsync calls the virtual CreatePreHookAsync on itself, inside a lambda it
        // hands to a helper; called on a UserService, only UserService's override runs, not AssessmentService's log.
        V.WithLibrariesAsync(Usings + User + """
            public abstract class Entity { public Guid Id { get; set; } }

            public sealed class Assessment : Entity { public string Title { get; set; } = ""; }

            public sealed class Member : Entity { public string Email { get; set; } = ""; }

            public abstract class BaseService<T>(ILogger logger) where T : Entity
            {
                protected ILogger Logger { get; } = logger;

                protected async Task<TResult> Run<TResult>(Func<Task<TResult>> work) => await work();

                public Task<T> CreateAsync(T entity) => Run(async () =>
                {
                    entity.Id = Guid.NewGuid();
                    await CreatePreHookAsync(entity);
                    return entity;
                });

                protected virtual Task CreatePreHookAsync(T entity) => Task.CompletedTask;
            }

            public sealed class AssessmentService(ILogger<AssessmentService> logger) : BaseService<Assessment>(logger)
            {
                protected override Task CreatePreHookAsync(Assessment entity)
                {
                    Logger.LogWarning("Duplicate assessment {Title}", entity.Title);
                    return Task.CompletedTask;
                }
            }

            public class MemberService(ILogger<MemberService> logger) : BaseService<Member>(logger)
            {
                protected override Task CreatePreHookAsync(Member entity)
                {
                    entity.Id = Guid.Empty;
                    return Task.CompletedTask;
                }

                public async Task SignUp(ClaimsPrincipal principal)
                {
                    var member = new Member { Email = principal.FindFirstValue(ClaimTypes.Email)! };
                    await CreateAsync(member);
                }
            }

            public sealed class AuditedMemberService(ILogger<AuditedMemberService> logger) : BaseService<Member>(logger)
            {
                protected override Task CreatePreHookAsync(Member entity)
                {
                    Logger.LogInformation("Creating {Email}", entity.Email);
                    return Task.CompletedTask;
                }
            }

            public sealed class Signups(MemberService members, AuditedMemberService audited)
            {
                public async Task Add(ClaimsPrincipal principal)
                {
                    var member = new Member { Email = principal.FindFirstValue(ClaimTypes.Email)! };
                    await members.CreateAsync(member);
                    await {|#0:audited.CreateAsync(member)|};
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "BaseService.CreateAsync → BaseService.CreatePreHookAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_address_name_and_phone_of_an_applications_own_user_class_that_identity_manages_are_the_users() =>
        // MichaellReyes202/ClinicManagement: UserManager<User> over the application's own store, User deriving from
        // nothing of Identity's; its repository's look-up by address says what the address is. A class Identity does not
        // manage (Customer) and a role class are not users.
        V.WithLibrariesAsync(Usings + """
            public sealed class User
            {
                public int Id { get; set; }
                public string Email { get; set; } = "";
                public string UserName { get; set; } = "";
                public string PhoneNumber { get; set; } = "";
                public string Department { get; set; } = "";
            }

            public sealed class Role
            {
                public string Name { get; set; } = "";
                public string Email { get; set; } = "";
            }

            public sealed class Customer
            {
                public string Email { get; set; } = "";
            }

            public interface IMailer { Task SendEmailAsync(string to, string subject, string body); }

            public interface IUserRepository { Task<User?> GetByEmailAsync(string email); }

            public sealed class AccountService(UserManager<User> users, RoleManager<Role> roles, IMailer mail, IUserRepository repository, ILogger<AccountService> logger)
            {
                public async Task Find(string email)
                {
                    if (await repository.GetByEmailAsync(email) is null)
                    {
                        {|#2:logger.LogWarning("No user {Email}", email)|};
                    }
                }

                public async Task Reset(int id, Customer customer)
                {
                    var user = await users.FindByIdAsync(id.ToString());
                    var role = await roles.FindByNameAsync("Admin");
                    {|#0:logger.LogInformation("Reset for {Email} of {Department}", user!.Email, user.Department)|};
                    logger.LogInformation("Role {Role} at {Address}, customer {Customer}", role!.Name, role.Email, customer.Email);
                    logger.LogInformation("User {Id} in {Department}", user.Id, user.Department);
                    await {|#1:mail.SendEmailAsync(customer.Email, "Reset", $"Account {user.UserName}, phone {user.PhoneNumber}")|};
                }
            }
            """,
            Logged(0, "User.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Shared(1, "User.PhoneNumber (contact.phone), User.UserName (identity.name)", "an e-mail recipient", "IMailer.SendEmailAsync"),
            Logged(2, "User.Email (contact.email)", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task A_result_built_with_an_initializer_in_a_callee_carries_personal_data_only_in_the_members_given_it() =>
        // AbbasSk2004/Libro-E-library-Backend: the service returns a result object built with an initializer on every
        // path, the user's address inside its data on success, constant error texts on failure; the controller logs the
        // error type and message of a failed login, and the user's address of a successful one.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class UserDto { public string Id { get; set; } = ""; public string Email { get; set; } = ""; }

            public sealed class LoginResponse { public string Token { get; set; } = ""; public UserDto User { get; set; } = new(); }

            public sealed class LoginResult
            {
                public bool Success { get; set; }
                public LoginResponse? Data { get; set; }
                public string ErrorMessage { get; set; } = "";
                public string ErrorType { get; set; } = "";
            }

            public sealed class AuthService(UserManager<ApplicationUser> users)
            {
                public async Task<LoginResult> LoginAsync(string email)
                {
                    try
                    {
                        var user = await users.FindByEmailAsync(email);
                        if (user == null)
                        {
                            return new LoginResult { Success = false, ErrorMessage = "Invalid email or password", ErrorType = "user_not_found" };
                        }

                        return new LoginResult { Success = true, Data = new LoginResponse { Token = "t", User = new UserDto { Id = user.Id, Email = user.Email! } } };
                    }
                    catch (InvalidOperationException)
                    {
                        return new LoginResult { Success = false, ErrorMessage = "An error occurred during login", ErrorType = "server_error" };
                    }
                }
            }

            public sealed class AuthController(AuthService auth, ILogger<AuthController> logger)
            {
                public async Task<bool> Login(string email)
                {
                    var result = await auth.LoginAsync(email);
                    if (!result.Success)
                    {
                        logger.LogWarning("Login failed: {Type} - {Message}", result.ErrorType, result.ErrorMessage);
                        return false;
                    }

                    {|#0:logger.LogInformation("Login successful for {Email}", result.Data!.User.Email)|};
                    return true;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_name_a_service_behind_its_interface_looks_a_user_up_by_is_the_users_name_where_the_caller_logs_it() =>
        // A7medEsam13/Hospital_Management_System: the controller hands a name to IAccountService.DeleteAccount, whose one
        // implementation finds the user by it, and logs the name it passed, then the errors Identity gave back. A name
        // the caller never hands to a look-up is nothing known.
        V.WithLibrariesAsync(Usings + User + """
            public interface IAccountService { Task<IdentityResult> DeleteAccount(string userName); }

            public sealed class AccountService(UserManager<ApplicationUser> users) : IAccountService
            {
                public async Task<IdentityResult> DeleteAccount(string userName)
                {
                    var user = await users.FindByNameAsync(userName);
                    if (user is null)
                    {
                        throw new InvalidOperationException("User not found");
                    }

                    return await users.DeleteAsync(user);
                }
            }

            public sealed class AccountsController(IAccountService accounts, ILogger<AccountsController> logger)
            {
                public async Task<bool> Delete(string userName, string reason)
                {
                    var result = await accounts.DeleteAccount(userName);
                    if (result.Succeeded)
                    {
                        {|#0:logger.LogInformation("User {UserName} deleted successfully", userName)|};
                        logger.LogInformation("Deleted because {Reason}", reason);
                        return true;
                    }

                    return false;
                }
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_address_put_in_a_message_that_also_references_the_user_is_sent_where_the_callee_sends_that_member() =>
        // BookCrossing-SoftServe/Bookcrossing-Back-End: the service builds a request message that holds the owner (a user)
        // and a MailboxAddress made of the owner's address, and hands it to its mail service behind an interface, which
        // mails that address. A message whose address is the shop's own sends no user's, though it holds the user too.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class RequestMessage
            {
                public string OwnerName { get; set; } = "";
                public MimeKit.MailboxAddress? OwnerAddress { get; set; }
                public ApplicationUser? Owner { get; set; }
                public int BookId { get; set; }
            }

            public interface IEmailSenderService { Task SendForRequestAsync(RequestMessage message); }

            public sealed class EmailSenderService : IEmailSenderService
            {
                public async Task SendForRequestAsync(RequestMessage message)
                {
                    var mime = new MimeKit.MimeMessage();
                    mime.To.Add(new MimeKit.MailboxAddress("", message.OwnerAddress!.ToString()));
                    mime.Subject = $"Book {message.BookId} was requested";
                    using var client = new MailKit.Net.Smtp.SmtpClient();
                    await client.SendAsync(mime);
                }
            }

            public sealed class BookService(IEmailSenderService mail, UserManager<ApplicationUser> users)
            {
                public async Task RequestAsync(string ownerId, int bookId)
                {
                    var owner = await users.FindByIdAsync(ownerId);
                    var message = new RequestMessage { OwnerName = "Owner", OwnerAddress = new MimeKit.MailboxAddress("", owner!.Email), Owner = owner, BookId = bookId };
                    await {|#0:mail.SendForRequestAsync(message)|};
                }

                public async Task NotifyShopAsync(ApplicationUser owner, int bookId)
                {
                    var message = new RequestMessage { OwnerAddress = new MimeKit.MailboxAddress("", "shop@example.com"), Owner = owner, BookId = bookId };
                    await mail.SendForRequestAsync(message);
                }
            }
            """,
            Shared(0, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSenderService.SendForRequestAsync → MailTransport.SendAsync"));

    [Fact]
    public Task A_member_of_a_user_whose_look_up_does_not_bind_is_not_the_whole_user() =>
        // Ajala001/IPDINProject, its spreadsheet library not restored: the address read from a cell has no type, so the
        // look-up does not bind and neither does the user it returns; the log of the user's first and last name took the
        // whole of what the user manager's users hold (their address, phone number and name). What does bind is still
        // reported: the uploader's address from the claims.
        V.WithLibrariesAsync(Usings + """
            public class Member : IdentityUser<Guid> { public string FirstName { get; set; } = ""; public string LastName { get; set; } = ""; }

            public sealed class Upload { public Guid Id { get; set; } public Member? Member { get; set; } }

            public sealed class ResultService(UserManager<Member> users, ILogger<ResultService> logger)
            {
                public async Task ImportAsync({|CS0246:Sheet|} sheet, ClaimsPrincipal uploader, string title)
                {
                    var by = uploader.FindFirstValue(ClaimTypes.Email);
                    {|#0:logger.LogInformation("Import started by {Uploader}", by)|};
                    for (var row = 2; row <= 10; row++)
                    {
                        var email = sheet.Cells[row, 3].Text;
                        var member = await users.FindByEmailAsync(email);
                        if (member == null)
                        {
                            continue;
                        }

                        var upload = new Upload { Id = Guid.NewGuid(), Member = member };
                        logger.LogInformation("Result added for {FullName} and examination {Title}", $"{member.FirstName} {member?.LastName}", title);
                    }
                }
            }
            """,
            Logged(0, "claim ClaimTypes.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_number_an_unbound_call_is_told_to_return_is_not_what_it_was_given() =>
        // AbbasSk2004/Libro-E-library-Backend, Dapper not restored: the repository returns the id that
        // connection.QuerySingleAsync<int>(sql, borrowedBook) gives, and its callers' logs of that id were reported for the
        // borrower's address and name in the record. The call does not bind, but the number it is told to return is a
        // number; a call told to return text still carries what it was given.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Loan { public int Id { get; set; } public ApplicationUser? Borrower { get; set; } }

            public sealed class Loans(System.Data.IDbConnection connection)
            {
                public async Task<int> CreateAsync(Loan loan) => await connection.{|CS1061:QuerySingleAsync<int>|}("insert ...", loan);

                public long? Count(Loan loan) => connection.{|CS1061:ExecuteScalar<long?>|}("select count(*) ...", loan);

                public async Task<string> DescribeAsync(Loan loan) => await connection.{|CS1061:QuerySingleAsync<string>|}("select ...", loan);
            }

            public sealed class Library(Loans loans, ILogger<Library> logger)
            {
                public async Task LendAsync(ApplicationUser user)
                {
                    var loan = new Loan { Borrower = user };
                    var id = await loans.CreateAsync(loan);
                    logger.LogInformation("Lent {Id}, {Count} in all", id, loans.Count(loan));
                    var description = await loans.DescribeAsync(loan);
                    {|#0:logger.LogInformation("Lent {Description}", description)|};
                }
            }
            """,
            Logged(0, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_number_a_library_computes_from_an_object_a_callee_is_given_is_not_that_object() =>
        // 0x1F97E/CampsiteBooking: a data fixer is given the application's database context, saves it and logs how many
        // records changed (context.SaveChangesAsync()); the call of the fixer was reported for every personal member of
        // every entity the context holds. Here the bytes a stream read, written by a callee given a recording of a user's call.
        // A number, a date or a flag a library computes from an object is not the object, in the callee as in the caller;
        // a number computed from text the callee is given is still what the text was.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Recording : System.IO.MemoryStream
            {
                public ApplicationUser? Caller { get; set; }
            }

            public sealed class Audit(ILogger<Audit> logger)
            {
                public async Task ReportAsync(Recording recording, string phone)
                {
                    var read = await recording.ReadAsync(new byte[16], 0, 16);
                    Console.WriteLine($"Read {read} bytes");
                    var number = long.Parse(phone);
                    logger.LogInformation("Calls to {Number}", number);
                }
            }

            public sealed class Admin(Audit audit)
            {
                public Task ReviewAsync(Recording recording, ApplicationUser user) => {|#0:audit.ReportAsync(recording, user.PhoneNumber!)|};
            }
            """,
            Logged(0, "IdentityUser.PhoneNumber (contact.phone)", "Audit.ReportAsync → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_generic_services_hook_for_another_entity_and_a_count_its_repository_makes_are_not_the_entity_a_caller_gives() =>
        // academykit/academykit, once its own User's address and phone number are personal (its tokens claim them): every
        // controller's create of a department, a course or a skill went through IGenericService<T>.CreateAsync, whose hook
        // is overridden by the mail-template service to log a duplicate template's Subject; a department has no Subject,
        // but the call was reported for everything the department reaches (its creator's address). And the licence check
        // logs how many users the repository counts, reported for the users the repository's context holds.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + """
            public sealed class User
            {
                public Guid Id { get; set; }
                public string Email { get; set; } = "";
                public string MobileNumber { get; set; } = "";
            }

            public sealed class Tokens
            {
                public ClaimsIdentity For(User user) =>
                    new(new[] { new Claim(ClaimTypes.Email, user.Email), new Claim(ClaimTypes.MobilePhone, user.MobileNumber) });
            }

            public sealed class Department { public Guid Id { get; set; } public string Name { get; set; } = ""; public User? CreatedBy { get; set; } }

            public sealed class MailTemplate { public Guid Id { get; set; } public string Subject { get; set; } = ""; }

            public interface IGenericService<T> { Task<T> CreateAsync(T entity); }

            public abstract class GenericService<T> : IGenericService<T> where T : class
            {
                public async Task<T> CreateAsync(T entity)
                {
                    await CreatePreHookAsync(entity);
                    return entity;
                }

                protected virtual Task CreatePreHookAsync(T entity) => Task.CompletedTask;
            }

            public sealed class MailTemplateService(ILogger<MailTemplateService> logger) : GenericService<MailTemplate>
            {
                protected override Task CreatePreHookAsync(MailTemplate entity)
                {
                    logger.LogWarning("Duplicate template {Subject}", entity.Subject);
                    return Task.CompletedTask;
                }
            }

            public sealed class Repository<T>(List<T> items) where T : class
            {
                private readonly List<T> _items = items;

                public int Count() => _items.EnsureCapacity(0);

                public T? First() => _items.Count > 0 ? _items[0] : null;
            }

            public sealed class DepartmentController(IGenericService<Department> departments, ILogger<DepartmentController> logger)
            {
                public async Task CreateAsync(Department department, List<User> users)
                {
                    await departments.CreateAsync(department);
                    var repository = new Repository<User>(users);
                    logger.LogWarning("Licence exceeded at {Count} users", repository.Count());
                    {|#0:logger.LogWarning("First user {Email}", repository.First()?.Email)|};
                }
            }
            """,
            Logged(0, "User.Email (contact.email)", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task A_list_handed_to_a_callee_that_reads_its_elements_members_carries_what_the_elements_do() =>
        // pjominet/CF.Events: the invitation service builds invitation requests with each guest's address and hands the
        // list to a batch sender, which passes each request to a mail service that (in development) logs the request's
        // UserEmail. The list has no UserEmail; its elements do.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public abstract class TemplateRequest { public string UserEmail { get; set; } = ""; public string TemplateId { get; set; } = ""; }

            public sealed class InvitationRequest : TemplateRequest { }

            public sealed class NoOpMailService(ILogger<NoOpMailService> logger)
            {
                public Task SendAsync(TemplateRequest request)
                {
                    logger.LogDebug("Fake mail {TemplateId} to {Email}", request.TemplateId, request.UserEmail);
                    return Task.CompletedTask;
                }
            }

            public sealed class Invitations(NoOpMailService mail)
            {
                public async Task InviteAsync(List<ApplicationUser> guests)
                {
                    var requests = new List<InvitationRequest>();
                    foreach (var guest in guests)
                    {
                        requests.Add(new InvitationRequest { UserEmail = guest.Email!, TemplateId = "invite" });
                    }

                    await {|#0:SendBatchAsync(requests)|};
                }

                private async Task SendBatchAsync<T>(List<T> requests) where T : TemplateRequest
                {
                    foreach (var request in requests)
                    {
                        await mail.SendAsync(request);
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Invitations.SendBatchAsync → NoOpMailService.SendAsync → LoggerExtensions.LogDebug"));

    [Fact]
    public Task A_value_handed_re_cased_to_a_callee_that_finds_the_user_by_it_is_what_the_users_member_holds() =>
        // AILAB-CEFET-RJ/gerdisc: the sign-in hands loginDto.Email.ToLower() to the repository's GetUserByEmail, which
        // compares it with the user's Email (personal: the token service claims it), and throws
        // $"User with email {loginDto.Email} not found." when no user is found.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + ClaimedUserEntity + """
            public sealed record LoginDto(string Email, string Password);

            public sealed class Users(List<UserEntity> all)
            {
                public Task<UserEntity?> GetUserByEmail(string email) => Task.FromResult(all.FirstOrDefault(x => x.Email == email));
            }

            public sealed class AuthService(Users users)
            {
                public async Task<Guid> AuthenticateAsync(LoginDto loginDto)
                {
                    var user = await users.GetUserByEmail(loginDto.Email.Trim().ToLower());
                    if (user == null)
                    {
                        throw {|#0:new ArgumentException($"User with email {loginDto.Email} not found.")|};
                    }

                    return user.Id;
                }
            }
            """,
            V.Diagnostic("OPRIV001").WithLocation(0).WithArguments("UserEntity.Email (contact.email)", "new ArgumentException").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task A_password_handed_to_a_hasher_implemented_in_another_project_is_the_password_the_method_mails() =>
        // AlexeyLevashin/BarsPnzSupportService-Backend: the application's user service makes a password, hashes it
        // through IPasswordService (implemented in the infrastructure project with BCrypt) and mails it to the new user
        // through a mail service implemented there too. A value handed to a hasher's other parameters, or to a method
        // not named for hashing or checking, is not known to be a password. The employee keeps the hash: an account, whose
        // address the mail goes to.
        V.WithLibrariesAsync(Usings + """
            public interface IPasswordService
            {
                string Hash(string password);

                bool Verify(string plainPassword, string hashedPassword);

                string Generate();
            }

            public interface IEmailService
            {
                Task SendEmailAsync(string to, string subject, string body);
            }

            public interface ITokenService
            {
                string Sign(string password);
            }

            public sealed class Employee { public string Email { get; set; } = ""; public string PasswordHash { get; set; } = ""; }

            public sealed class UserService(IPasswordService passwords, IEmailService mail, ITokenService tokens, ILogger<UserService> logger)
            {
                public async Task CreateAsync(Employee employee)
                {
                    var password = passwords.Generate();
                    employee.PasswordHash = passwords.Hash(password);
                    await {|#0:mail.SendEmailAsync(employee.Email, "Your account", $"Your password: {password}")|};
                    logger.LogInformation("Stored hash {Hash}", employee.PasswordHash);
                }

                public bool SignIn(Employee employee, string typed, string stored)
                {
                    if (passwords.Verify(typed, employee.PasswordHash))
                    {
                        return true;
                    }

                    {|#1:logger.LogWarning("Wrong password {Typed}", typed)|};
                    logger.LogWarning("Against {Stored}", stored);
                    return false;
                }

                public void Sign(string secret) => logger.LogDebug("Signing {Secret} as {Token}", secret, tokens.Sign(secret));
            }
            """,
            Secret(0, "IPasswordService.Hash(password) (account.credentials)", "shared", "IEmailService.SendEmailAsync"),
            Shared(0, "Employee.Email (contact.email)", "an e-mail recipient", "IEmailService.SendEmailAsync"),
            Secret(1, "IPasswordService.Verify(plainPassword) (account.credentials)", "logged", "LoggerExtensions.LogWarning"));

    [Fact]
    public Task A_password_handed_to_the_applications_own_hasher_here_is_the_password_the_method_mails() =>
        // academykit/academykit: the user service makes a password, stores _passwordHasher.HashPassword(password) (its
        // own PasswordHasher, hashing with PBKDF2 in the same project) and queues a mail of the password to the new user.
        // The hasher's body says nothing the analyzer knows of a password; its names do. What it returns is the hash; the
        // members of an object one answers with (a check that returns the account it signed in) hold what its body put there.
        // The member keeps the hash: an account, whose address the mail goes to.
        V.WithLibrariesAsync(Usings + User + """
            public interface IPasswordHasher
            {
                string HashPassword(string password);

                bool VerifyPassword(string hashedPassword, string password);
            }

            public sealed class PasswordHasher : IPasswordHasher
            {
                public string HashPassword(string password) =>
                    Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)));

                public bool VerifyPassword(string hashedPassword, string password) => HashPassword(password) == hashedPassword;
            }

            public interface IEmailService
            {
                Task SendEmailAsync(string to, string subject, string body);
            }

            public sealed class Member { public string Email { get; set; } = ""; public string HashPassword { get; set; } = ""; }

            public sealed class MemberService(IPasswordHasher hasher, IEmailService mail, ILogger<MemberService> logger)
            {
                public async Task CreateAsync(Member member)
                {
                    var password = Guid.NewGuid().ToString("N").Substring(0, 8);
                    member.HashPassword = hasher.HashPassword(password);
                    logger.LogInformation("Stored {Hash} as {Again}", member.HashPassword, new PasswordHasher().HashPassword(password));
                    await {|#0:mail.SendEmailAsync(member.Email, "Your account", $"Your password: {password}")|};
                }

                public bool SignIn(Member member, string typed)
                {
                    if (hasher.VerifyPassword(member.HashPassword, typed))
                    {
                        return true;
                    }

                    {|#1:logger.LogWarning("Wrong password {Typed}", typed)|};
                    return false;
                }

                public async Task SignInAsync(Accounts accounts, string email, string password)
                {
                    var account = await accounts.VerifyPasswordAsync(email, password);
                    {|#2:logger.LogInformation("Signed in {Name}", account?.Name)|};
                }
            }

            public sealed record Account(string Name);

            public sealed class Accounts(UserManager<ApplicationUser> users)
            {
                public async Task<Account?> VerifyPasswordAsync(string email, string password)
                {
                    var user = await users.FindByEmailAsync(email);
                    return user == null || !await users.CheckPasswordAsync(user, password) ? null : new Account(user.UserName!);
                }
            }
            """,
            Secret(0, "IPasswordHasher.HashPassword(password) (account.credentials), PasswordHasher.HashPassword(password) (account.credentials)", "shared", "IEmailService.SendEmailAsync"),
            Shared(0, "Member.Email (contact.email)", "an e-mail recipient", "IEmailService.SendEmailAsync"),
            Secret(1, "IPasswordHasher.VerifyPassword(password) (account.credentials)", "logged", "LoggerExtensions.LogWarning"),
            Logged(2, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_value_compared_equal_with_a_users_personal_member_holds_what_that_member_holds() =>
        // BertMat/ChildScheduler: the invitation looks the invited user up with a query comparing each user's Email with
        // the address it was given, then mails the invitation to that address. A value compared with a user's key, or a
        // member nothing marks, is not personal for it.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class Invitations(UserManager<ApplicationUser> users, Microsoft.AspNetCore.Identity.UI.Services.IEmailSender sender, ILogger<Invitations> logger)
            {
                public async Task InviteAsync(string email, string note)
                {
                    var user = users.Users.SingleOrDefault(p => p.Email == email);
                    if (user == null)
                    {
                        {|#0:logger.LogWarning("No user {Email}", email)|};
                        return;
                    }

                    await {|#1:sender.SendEmailAsync(email, "Invitation", "Join the family")|};
                    logger.LogInformation("Invited with {Note}", note);
                }

                public void Match(ApplicationUser user, string typed, string address, string key, string stamp)
                {
                    if (user.UserName == typed)
                    {
                        {|#2:logger.LogInformation("Matched {Name}", typed)|};
                    }

                    if (user.NormalizedEmail == address.Trim().ToUpperInvariant())
                    {
                        {|#3:logger.LogInformation("Matched {Address}", address)|};
                    }

                    if (user.Id == key || user.SecurityStamp == stamp)
                    {
                        logger.LogInformation("Same key {Key} or stamp {Stamp}", key, stamp);
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogWarning"),
            Shared(1, "IdentityUser.Email (contact.email)", "an e-mail recipient", "IEmailSender.SendEmailAsync"),
            Logged(2, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(3, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_value_compared_with_string_Equals_or_in_another_case_holds_what_the_users_member_holds() =>
        // AbuBasssam/CarRentalSystem: every handler finds its user through a service behind an interface whose query is
        // Users.Where(x => x.Email!.ToLower().Equals(email.ToLower())), then logs the address it was given when none is
        // found. A string.Equals of a user's key or of a text that is not a user's member is not personal for it.
        V.WithLibrariesAsync(Usings + User + """
            public interface IUserService
            {
                IQueryable<ApplicationUser> GetUserByEmail(string email);
            }

            public sealed class UserService(UserManager<ApplicationUser> users) : IUserService
            {
                public IQueryable<ApplicationUser> GetUserByEmail(string email) =>
                    users.Users.Where(x => x.Email!.ToLower().Equals(email.ToLower()));
            }

            public sealed record SignIn(string Email, string Code);

            public sealed class SignInHandler(IUserService service, UserManager<ApplicationUser> users, ILogger<SignInHandler> logger)
            {
                public void Handle(SignIn request)
                {
                    var user = service.GetUserByEmail(request.Email).FirstOrDefault();
                    if (user == null)
                    {
                        {|#0:logger.LogWarning("No user with {Email}", request.Email)|};
                        return;
                    }

                    logger.LogInformation("Code {Code}", request.Code);
                }

                public void Match(ApplicationUser user, string typed, string name, string key, string code)
                {
                    if (string.Equals(user.UserName, typed, StringComparison.OrdinalIgnoreCase))
                    {
                        {|#1:logger.LogInformation("Matched {Name}", typed)|};
                    }

                    if (users.Users.Any(u => u.UserName!.Trim().ToUpperInvariant() == name.ToUpperInvariant()))
                    {
                        {|#2:logger.LogInformation("Taken {Name}", name)|};
                    }

                    if (user.Id.Equals(key) || code.Equals("demo", StringComparison.Ordinal))
                    {
                        logger.LogInformation("Same key {Key} or code {Code}", key, code);
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogWarning"),
            Logged(1, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(2, "IdentityUser.UserName (identity.name)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_exception_a_callee_builds_from_its_parameter_is_reported_at_the_call_that_gives_it_personal_data() =>
        // Abdalrhman-Gad/E-Commerce: the registration checks the address's format in a helper that throws
        // new InvalidEmailFormatException(email), and turns Identity's errors into exceptions naming the form's user name
        // or address in another; both messages end up in the API's logs. The same helpers given a key, or a callee that
        // throws only literals, report nothing.
        V.WithLibrariesAsync(Usings + User + """
            public sealed record RegisterForm(string UserName, string Email, string Password);

            public sealed class InvalidEmailFormatException(string email) : Exception($"The email address {email} is not valid.");

            public sealed class UserNameTakenException(string userName) : Exception($"The user name {userName} is taken.");

            public sealed class Accounts(UserManager<ApplicationUser> users)
            {
                public async Task RegisterAsync(RegisterForm form)
                {
                    var user = new ApplicationUser { UserName = form.UserName, Email = form.Email };
                    {|#0:ValidateEmailFormat(form.Email)|};
                    var result = await users.CreateAsync(user, form.Password);
                    if (!result.Succeeded)
                    {
                        {|#1:ThrowFor(result.Errors, form)|};
                    }

                    Check(user.Id);
                    ValidateEmailFormat(user.Id);
                    {|#2:EnsureValid(form.Email)|};
                }

                // Three paths to one exception type: the call names the first.
                private static void EnsureValid(string email)
                {
                    ValidateEmailFormat(email);
                    ValidateEmailDomain(email);
                    if (email.Length > 254)
                    {
                        throw new InvalidEmailFormatException(email);
                    }
                }

                private static void ValidateEmailDomain(string email)
                {
                    if (email.EndsWith(".invalid", StringComparison.Ordinal))
                    {
                        throw new InvalidEmailFormatException(email);
                    }
                }

                private static void ValidateEmailFormat(string email)
                {
                    if (!email.Contains('@'))
                    {
                        throw new InvalidEmailFormatException(email);
                    }
                }

                private static void ThrowFor(System.Collections.Generic.IEnumerable<IdentityError> errors, RegisterForm form)
                {
                    foreach (var error in errors)
                    {
                        if (error.Code == "DuplicateUserName")
                        {
                            throw new UserNameTakenException(form.UserName);
                        }

                        if (error.Code == "DuplicateEmail")
                        {
                            throw new InvalidEmailFormatException(form.Email);
                        }
                    }

                    throw new InvalidOperationException("Registration failed.");
                }

                private static void Check(string key)
                {
                    if (key.Length == 0)
                    {
                        throw new ArgumentException("No key.");
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Accounts.ValidateEmailFormat → new InvalidEmailFormatException"),
            Logged(1, "IdentityUser.Email (contact.email), IdentityUser.UserName (identity.name)", "Accounts.ThrowFor → new InvalidEmailFormatException, new UserNameTakenException"),
            Logged(2, "IdentityUser.Email (contact.email)", "Accounts.EnsureValid → Accounts.ValidateEmailFormat → new InvalidEmailFormatException"));

    [Fact]
    public Task What_a_row_of_the_applications_own_holds_in_one_member_is_not_in_its_others_wherever_the_rows_go() =>
        // 0x1F97E/CampsiteBooking: an admin page projects the users into rows (Email, Name and Role), keeps them in a
        // field, and writes each role with its count: no e-mail address in a group's key, while the rows' Email written
        // one by one is. The information page keeps campsite rows (a name and the manager's address), names each event's
        // campsite through a helper reading a row's Name, and writes the events grouped by campsite name: no address.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class UserRow
            {
                public string Id { get; set; } = "";
                public string Name { get; set; } = "";
                public string Email { get; set; } = "";
                public string Role { get; set; } = "";
            }

            public sealed class CampsiteRow
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public string Email { get; set; } = "";
            }

            public sealed class EventRow
            {
                public int CampsiteId { get; set; }
                public string CampsiteName { get; set; } = "";
            }

            public sealed class UserManagement
            {
                private List<UserRow> _users = new();

                public void Load(List<ApplicationUser> users)
                {
                    _users = users.Select(u => new UserRow { Id = u.Id, Name = u.DisplayName, Email = u.Email!, Role = u.EmailConfirmed ? "Guest" : "Pending" }).ToList();
                    foreach (var group in _users.GroupBy(u => u.Role))
                    {
                        Console.WriteLine($"{group.Key}: {group.Count()}");
                    }

                    foreach (var user in _users.Take(3))
                    {
                        {|#0:Console.WriteLine($"{user.Id} {user.Role} {user.Email}")|};
                    }
                }
            }

            public sealed class Information
            {
                private List<CampsiteRow> _campsites = new();
                private List<EventRow> _events = new();

                public void Load(List<ApplicationUser> managers, List<int> campsiteIds)
                {
                    _campsites = managers.Select((m, i) => new CampsiteRow { Id = i, Name = "Campsite " + i, Email = m.Email! }).ToList();
                    _events = campsiteIds.Select(id => new EventRow { CampsiteId = id, CampsiteName = NameOf(id) }).ToList();
                    foreach (var group in _events.GroupBy(e => e.CampsiteName))
                    {
                        Console.WriteLine($"{group.Key}: {group.Count()} events");
                    }
                }

                private string NameOf(int id) => _campsites.FirstOrDefault(c => c.Id == id)?.Name ?? "none";
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Console.WriteLine"));

    [Fact]
    public Task A_value_a_callee_checks_a_users_existence_by_is_what_the_users_member_holds() =>
        // 13cyberpunk02/PrintingTools: registration asks the repository whether a user with the address exists (a bool,
        // from a query comparing the user's Email, personal as the token service claims it) and logs the address once
        // the account is made; the sign-in, which finds the user by the same address, was reported already.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + ClaimedUserEntity + """
            public sealed record RegisterRequest(string Email, string Password);

            public sealed class Printer { public string Name { get; set; } = ""; }

            public interface IUserRepository
            {
                Task<bool> EmailExistsAsync(string email);
            }

            public sealed class UserRepository(List<UserEntity> all) : IUserRepository
            {
                public Task<bool> EmailExistsAsync(string email)
                {
                    var normalized = email.ToLowerInvariant();
                    return Task.FromResult(all.Any(u => u.Email == normalized));
                }
            }

            public sealed class Printers(List<Printer> all)
            {
                public bool NameTaken(string name) => all.Any(p => p.Name == name);
            }

            public sealed class AuthService(IUserRepository users, Printers printers, ILogger<AuthService> logger)
            {
                public async Task<bool> RegisterAsync(RegisterRequest request)
                {
                    if (await users.EmailExistsAsync(request.Email))
                    {
                        return false;
                    }

                    {|#0:logger.LogInformation("Registered {Email}", request.Email)|};
                    return true;
                }

                // Checked against a printer's name, not a person's: a name of a thing.
                public bool AddPrinter(string name)
                {
                    if (printers.NameTaken(name))
                    {
                        logger.LogWarning("Printer {Name} exists", name);
                        return false;
                    }

                    return true;
                }
            }
            """,
            Logged(0, "UserEntity.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_form_a_callee_finds_the_user_by_and_answers_with_a_flag_holds_the_users_member() =>
        // A7MED-FATHY/r3aia-api: the reset endpoint hands its form to the account repository's ResetPasswordAsync(dto), which
        // finds the user by dto.Email and answers with a flag, and logs dto.Email when the call throws. A form whose
        // callee finds a product by its code stays clean.
        V.WithLibrariesAsync(Usings + User + """
            public sealed class ResetDto { public string Email { get; set; } = ""; public string Token { get; set; } = ""; }

            public sealed class ProductDto { public string Code { get; set; } = ""; }

            public sealed class Accounts(UserManager<ApplicationUser> users)
            {
                public async Task<bool> ResetPasswordAsync(ResetDto dto) => await users.FindByEmailAsync(dto.Email) != null;

                public bool Exists(ProductDto dto) => dto.Code == "A1";
            }

            public sealed class AuthController(Accounts accounts, ILogger<AuthController> logger)
            {
                public async Task<bool> Reset(ResetDto dto)
                {
                    try
                    {
                        return await accounts.ResetPasswordAsync(dto);
                    }
                    catch (Exception ex)
                    {
                        {|#0:logger.LogError(ex, "Error resetting password for {Email}", dto.Email)|};
                        return false;
                    }
                }

                public bool Check(ProductDto dto)
                {
                    if (!accounts.Exists(dto))
                    {
                        logger.LogWarning("No product {Code}", dto.Code);
                    }

                    return true;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogError"));

    [Fact]
    public Task What_one_sequence_leaves_out_of_another_holds_nothing_of_the_other() =>
        // AdriAim/Ventagram: an edit of a listing deletes from storage the media addresses the listing had before and no
        // longer has (previousMediaUrls.Except(nextMediaUrls)), and the storage service logs each key it fails to delete;
        // the new addresses, built from the edit's form (which holds the owner's contact details), are not among them.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class MediaCleanup(ILogger<MediaCleanup> logger)
            {
                public void Removed(ApplicationUser user, List<string> previous)
                {
                    var next = new List<string> { user.Email! };
                    foreach (var url in previous.Except(next, StringComparer.OrdinalIgnoreCase).ToList())
                    {
                        logger.LogInformation("Deleting {Url}", url);
                    }

                    foreach (var url in next.Except(previous))
                    {
                        {|#0:logger.LogInformation("Adding {Url}", url)|};
                    }
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_collection_that_keeps_part_of_a_form_changes_the_collection_not_the_form() =>
        // AdriAim/Ventagram: the edit of a listing fills the form's contact members with the owner's, and the service
        // adds the form's dynamic fields to the listing's collection before it reads the form's video address; the list's
        // Add keeps the field, it does not move the owner's address into the video's. A callee that does move one member
        // into another is still read whole.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class Field { public int Id { get; set; } public string? Text { get; set; } }

            public sealed class ListingForm
            {
                public string? ContactEmail { get; set; }
                public string? VideoUrl { get; set; }
                public List<Field> Fields { get; set; } = new();
            }

            public sealed class Listing { public List<Field> Values { get; } = new(); }

            public sealed class Listings(ILogger<Listings> logger)
            {
                public void Update(Listing listing, ListingForm input)
                {
                    foreach (var field in input.Fields)
                    {
                        listing.Values.Add(field);
                    }

                    logger.LogInformation("Video {Url}", input.VideoUrl);
                }

                public void Swap(ListingForm input)
                {
                    input.VideoUrl = input.ContactEmail;
                    logger.LogInformation("Video {Url}", input.VideoUrl);
                }
            }

            public sealed class Edits(Listings listings, UserManager<ApplicationUser> users)
            {
                public async Task Edit(ListingForm form, Listing listing, string id)
                {
                    var user = await users.FindByIdAsync(id);
                    form.ContactEmail = user!.Email;
                    listings.Update(listing, form);
                    {|#0:listings.Swap(form)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "Listings.Swap → LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_dynamic_objects_member_is_what_the_object_holds_by_that_name() =>
        // N1koLa-99/MotoMarket.Api: a listing's image endpoint takes its main photo's address from a helper that reads
        // the listing as dynamic; the listing also holds its seller, a user, whose address the photo's is not.
        V.WithLibrariesAsync(Usings + "using System.Collections.Generic;\n" + User + """
            public sealed class Photo { public string FileUrl { get; set; } = ""; public bool IsMain { get; set; } }

            public sealed class ListingView
            {
                public ApplicationUser Seller { get; set; } = new();
                public List<Photo> Photos { get; set; } = new();
            }

            public sealed class Images(ILogger<Images> logger, HttpClient http)
            {
                public async Task Open(ListingView listing)
                {
                    var url = MainPhotoUrl(listing);
                    if (url != null)
                    {
                        await http.GetAsync(url);
                    }

                    dynamic seller = listing.Seller;
                    {|#0:logger.LogInformation("Seller {Email}", (string)seller.Email)|};
                    logger.LogInformation("Seller {Id}", (string)seller.Id);
                }

                private static string? MainPhotoUrl(dynamic listing)
                {
                    foreach (var photo in listing.Photos)
                    {
                        if (photo.IsMain)
                        {
                            return photo.FileUrl;
                        }
                    }

                    return null;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_account_that_keeps_a_password_hash_is_a_users_and_what_it_is_found_by_is_the_users() =>
        // Aurelian1974/ValyanClinic: a login of the application's own, no Identity. Its Utilizator keeps a BCrypt hash of
        // the password; the handlers log the user name they look the account up by, and the address the new account is
        // made with. Nothing marks the class, and only another project claims its members. The account's key, role and
        // count of failed attempts are not personal, nor the key its repository gives a new account; a class without a
        // password's hash (a newsletter's subscriber) is not an account, nor is a projection that carries one (the row
        // holds the account's name, named as the account's).
        V.WithLibrariesAsync(Usings + "using System.Threading;\n" + """
            public sealed class Utilizator
            {
                public Guid UtilizatorID { get; set; }
                public string Username { get; set; } = "";
                public string Email { get; set; } = "";
                public string PasswordHash { get; set; } = "";
                public string? RolDenumire { get; set; }
                public int NumarIncercariEsuate { get; set; }
            }

            public sealed class Subscriber
            {
                public string Email { get; set; } = "";
            }

            public interface IUtilizatorRepository
            {
                Task<Utilizator?> GetByUsernameAsync(string username, CancellationToken cancellationToken);
                Task<Guid> CreateAsync(Utilizator utilizator, CancellationToken cancellationToken);
            }

            public sealed record LoginCommand(string Username, string Password);

            public sealed record CreateUtilizatorCommand(string Username, string Email, string Password);

            public sealed class Handlers(IUtilizatorRepository repository, ILogger<Handlers> logger)
            {
                public async Task<bool> Login(LoginCommand request, CancellationToken cancellationToken)
                {
                    {|#0:logger.LogInformation("Login attempt for user: {Username}", request.Username)|};
                    var utilizator = await repository.GetByUsernameAsync(request.Username, cancellationToken);
                    if (utilizator == null)
                    {
                        return false;
                    }

                    logger.LogWarning("Account {Id} locked after {Attempts}, role {Role}", utilizator.UtilizatorID, utilizator.NumarIncercariEsuate, utilizator.RolDenumire);
                    {|#1:logger.LogInformation("Signed in {Email}", utilizator.Email)|};
                    return true;
                }

                public async Task<Guid> Create(CreateUtilizatorCommand request, CancellationToken cancellationToken)
                {
                    var utilizator = new Utilizator { UtilizatorID = Guid.NewGuid(), Username = request.Username, Email = request.Email, PasswordHash = "bcrypt" };
                    var id = await repository.CreateAsync(utilizator, cancellationToken);
                    logger.LogInformation("Created {UtilizatorID}", id);
                    {|#2:logger.LogWarning("Address {Email} taken", request.Email)|};
                    {|#3:logger.LogInformation("Row {Username}", new { request.Username, PasswordHash = "bcrypt" }.Username)|};
                    return id;
                }

                public void Subscribe(Subscriber subscriber) => logger.LogInformation("Subscribed {Email}", subscriber.Email);
            }
            """,
            Logged(0, "Utilizator.Username (identity.name)", "LoggerExtensions.LogInformation"),
            Logged(1, "Utilizator.Email (contact.email)", "LoggerExtensions.LogInformation"),
            Logged(2, "Utilizator.Email (contact.email)", "LoggerExtensions.LogWarning"),
            Logged(3, "Utilizator.Username (identity.name)", "LoggerExtensions.LogInformation"));
}
