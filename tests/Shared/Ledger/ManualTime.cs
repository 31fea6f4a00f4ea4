namespace Octopus.Privacy.Testing.Ledger;

/// <summary>A clock the test moves by hand, so that records get known, distinct times.</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _now.UtcTicks;

    public DateTimeOffset Advance(TimeSpan by) => _now += by;
}
