using PdfSharp.Fonts;

namespace AfterSales.Infrastructure.Pdf;

/// <summary>
/// The one font of the app's PDFs: WenQuanYi Zen Hei (simplified Chinese, Latin and digits), shipped inside the
/// assembly so that a PDF looks the same on any machine. PDFsharp embeds only the glyphs a document uses.
/// Bold is simulated (the font has no bold face).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "WenQuanYi Zen Hei";
    private const string FaceName = "WenQuanYiZenHei";
    private const string ResourceName = "AfterSales.Pdf.WenQuanYiZenHei.ttf";

    private static readonly Lazy<byte[]> Font = new(() =>
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Makes PDFsharp use this resolver; safe to call from any number of threads, any number of times.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is not PdfFonts) GlobalFontSettings.FontResolver = new PdfFonts();
            _installed = true;
        }
    }

    // Every family asked for is served by the one font, so no text is ever drawn without glyphs.
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(FaceName, bold, italic);

    public byte[] GetFont(string faceName) => Font.Value;
}
