namespace Handheld.Core.Licensing
{
    /// <summary>Licence kind (payload field 0x09). Values are wire codes.</summary>
    public enum LicenceKind : byte
    {
        Regular = 0,
        /// <summary>Temporary emergency licence: valid at most 30 days.</summary>
        TemporaryEmergency = 1,
        /// <summary>Reissued after loss; <see cref="Licence.ReissueSequence"/> gives the reissue number.</summary>
        Reissue = 2,
    }
}
