namespace Handheld.Simulator.Emulators;

/// <summary>Fault injection shared by the chip emulators (set on the backend face by scenarios and tests).</summary>
public sealed class EmulatorFaults
{
    /// <summary>No chip at the address: every transfer is NACKed.</summary>
    public bool Absent { get; set; }

    /// <summary>When set, the identity register reads this value instead of the chip's.</summary>
    public byte? IdentityOverride { get; set; }

    /// <summary>After this many transfers succeeded, every further transfer is NACKed (cable pulled mid-sweep).</summary>
    public int? NackAfterTransfers { get; set; }

    /// <summary>After this many completed integrations, the data registers keep the last values (frozen ADC).</summary>
    public int? StuckAfterIntegrations { get; set; }

    /// <summary>The data-valid bit never sets (oscillator or ADC dead).</summary>
    public bool NeverValid { get; set; }

    /// <summary>Transfers attempted so far (counted even when NACKed).</summary>
    public int Transfers { get; internal set; }

    internal bool Nack()
    {
        Transfers++;
        if (Absent) return true;
        return NackAfterTransfers is int n && Transfers > n;
    }
}
