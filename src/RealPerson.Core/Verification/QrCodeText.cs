using QRCoder;

namespace RealPerson.Verification;

/// <summary>Renders a link as a QR code made of half-block characters, for a phone to scan off a console.</summary>
public static class QrCodeText
{
    /// <summary>
    /// Light modules (and the quiet zone around the code, which scanners need) are drawn as blocks and
    /// dark ones as blanks, which reads right on the usual dark console background.
    /// </summary>
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
    }
}
