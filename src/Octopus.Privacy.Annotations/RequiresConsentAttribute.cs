namespace Octopus.Privacy;

/// <summary>
/// Marks a method whose callers must have checked consent before calling it. Inside the method,
/// uses of personal data count as guarded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequiresConsentAttribute : Attribute
{
}
