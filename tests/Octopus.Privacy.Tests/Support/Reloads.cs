namespace Octopus.Privacy.Tests.Support;

/// <summary>Waiting for the provider's reloads in tests.</summary>
internal static class Reloads
{
    /// <summary>The next reload that ends as expected (one write can raise several file events).</summary>
    public static Task<PolicyReloadedEventArgs> NextReload(IPrivacyPolicyProvider policies, Func<PolicyReloadedEventArgs, bool> expected)
    {
        var next = new TaskCompletionSource<PolicyReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<PolicyReloadedEventArgs>? handler = null;
        handler = (_, e) =>
        {
            if (expected(e))
            {
                policies.Reloaded -= handler;
                next.TrySetResult(e);
            }
        };
        policies.Reloaded += handler;
        return next.Task;
    }
}
