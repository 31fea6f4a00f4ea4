namespace Octopus.Privacy;

/// <summary>
/// Marks a method that checks consent: one returning <see cref="bool"/> (true when permitted), one returning a
/// <c>PolicyDecision</c> (Octopus.Privacy), or a <see langword="void"/> method that throws when the use is denied.
/// Code reached only after a successful check is treated as guarded by the analyzer.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ConsentCheckAttribute : Attribute
{
}
