using System.Diagnostics.Metrics;

namespace Octopus.Privacy.Testing;

/// <summary>
/// The decision-log entries dropped while it is alive, as a listener of the <c>Octopus.Privacy</c> meter counts them
/// (<c>octopus.privacy.decision_log.dropped</c>): what an operator's dashboard would show.
/// </summary>
internal sealed class DroppedDecisions : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public DroppedDecisions()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Octopus.Privacy" && instrument.Name == "octopus.privacy.decision_log.dropped")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
