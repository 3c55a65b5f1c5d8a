using QRCoder;

namespace Handheld.Sdk.Licensing;

/// <summary>Renders licence QR texts at error-correction level H (survives ≈30 % damage), as the regulator's
/// documents require. QRCoder picks alphanumeric mode because every character is in that set.</summary>
public static class QrRenderer
{
    /// <summary>The QR version (1–40) the text needs at level H.</summary>
    public static int Version(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.H);
        return data.Version;
    }

    public static byte[] Png(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.H);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string text, int pixelsPerModule = 4)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.H);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
