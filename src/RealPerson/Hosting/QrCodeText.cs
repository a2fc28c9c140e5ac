using QRCoder;

namespace RealPerson.Hosting;

/// <summary>Renders a link as a QR code made of half-block characters, for a phone to scan off a console.</summary>
internal static class QrCodeText
{
    /// <summary>
    /// On a dark console (the default) light modules and the quiet zone around the code, which
    /// scanners need, are drawn as blocks and dark ones as blanks; on a light console the other way
    /// round, so the code is dark on light either way and scans.
    /// </summary>
    public static string Render(string text, bool lightBackground = false)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: lightBackground, endOfLine: "\n");
    }
}
