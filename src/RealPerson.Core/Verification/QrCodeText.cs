using QRCoder;

namespace RealPerson.Verification;

/// <summary>Renders a link as a QR code made of half-block characters, for a phone to scan off a console.</summary>
public static class QrCodeText
{
    /// <summary>
    /// Light modules are drawn as blocks and dark ones as blanks, which reads right on the usual dark
    /// console background; the quiet zone is kept so scanners find the edges.
    /// </summary>
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: true, endOfLine: "\n");
    }
}
