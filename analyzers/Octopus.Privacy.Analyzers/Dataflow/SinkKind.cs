namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>Where a call sends its arguments.</summary>
    internal enum SinkKind
    {
        None,

        /// <summary>A log: OPRIV001 (and OPRIV003 for secret data).</summary>
        Log,

        /// <summary>A third party: OPRIV002 (and OPRIV003 for secret data).</summary>
        Share,
    }
}
