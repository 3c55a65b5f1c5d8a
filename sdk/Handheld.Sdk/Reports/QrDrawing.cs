using PdfSharp.Drawing;
using QRCoder;

namespace Handheld.Sdk.Reports;

/// <summary>Draws a QR code as vector rectangles (one per horizontal run of dark modules): sharp at any zoom and a
/// few hundred bytes in the page, where an image would be kilobytes.</summary>
public static class QrDrawing
{
    public static void Draw(XGraphics g, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var m = data.ModuleMatrix;
        double cell = size / m.Count;
        for (int row = 0; row < m.Count; row++)
        {
            int col = 0;
            while (col < m.Count)
            {
                if (!m[row][col]) { col++; continue; }
                int start = col;
                while (col < m.Count && m[row][col]) col++;
                g.DrawRectangle(XBrushes.Black, x + start * cell, y + row * cell, (col - start) * cell + 0.01, cell + 0.01);
            }
        }
    }
}
