using AfterSales.Domain;

namespace AfterSales.Features.Products;

/// <summary>
/// The kinds of file a product may carry (installation drawings and photos, VIS-4). The type is decided here
/// from the file's name and checked against its first bytes, never taken from what the browser claims, so a
/// file is always served back with a content type that matches what it is.
/// </summary>
public static class ProductFileTypes
{
    public sealed record FileType(string Label, string ContentType, bool IsImage, bool MayShowInline, byte[][] Signatures);

    private static readonly FileType Pdf = new("PDF", "application/pdf", false, true, ["%PDF-"u8.ToArray()]);
    private static readonly FileType Png = new("PNG", "image/png", true, true, [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]);
    private static readonly FileType Jpeg = new("JPEG", "image/jpeg", true, true, [[0xFF, 0xD8, 0xFF]]);
    private static readonly FileType WebP = new("WebP", "image/webp", true, true, ["RIFF"u8.ToArray()]);
    // DWG files start with their AutoCAD release ("AC1015", "AC1032" …).
    private static readonly FileType Dwg = new("DWG", "image/vnd.dwg", false, false, ["AC"u8.ToArray()]);
    // DXF is text (or "AutoCAD Binary DXF"); it has no fixed signature.
    private static readonly FileType Dxf = new("DXF", "image/vnd.dxf", false, false, []);

    private static readonly Dictionary<string, FileType> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".webp"] = WebP,
        [".dwg"] = Dwg,
        [".dxf"] = Dxf,
    };

    /// <summary>For the file input's <c>accept</c> attribute.</summary>
    public static string Accept { get; } = string.Join(',', ByExtension.Keys.Concat(ByExtension.Values.Select(t => t.ContentType).Distinct()));

    /// <summary>The extensions as people know them, for messages and hints.</summary>
    public static string Names { get; } = "PDF, PNG, JPEG, WebP, DWG, DXF";

    /// <summary>The type of an uploaded file, or a broken rule when its name or content is not an allowed type.</summary>
    public static FileType Resolve(string fileName, ReadOnlySpan<byte> content)
    {
        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var type))
            throw new DomainException("FileTypeNotAllowed", Names) { Field = "File" };
        var matches = type.Signatures.Length == 0;
        foreach (var signature in type.Signatures)
            matches |= content.StartsWith(signature);
        if (type == WebP) matches &= content.Length >= 12 && content[8..12].SequenceEqual("WEBP"u8);
        if (!matches) throw new DomainException("FileContentMismatch", Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant()) { Field = "File" };
        return type;
    }

    /// <summary>How a stored file may be shown: images as thumbnails, images and PDF opened in the browser.</summary>
    public static FileType? Of(string contentType) =>
        ByExtension.Values.FirstOrDefault(t => string.Equals(t.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    public static bool IsImage(string contentType) => Of(contentType)?.IsImage == true;

    /// <summary>The short name people know the type by (PDF, PNG, DWG …).</summary>
    public static string LabelOf(string contentType) => Of(contentType)?.Label ?? contentType;

    /// <summary>A file name that is safe to store and to send back: no folders, no control characters, at most the column's length.</summary>
    public static string CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        const int max = 260;
        if (name.Length <= max) return name;
        var extension = Path.GetExtension(name);
        if (extension.Length > 20) extension = "";
        return name[..(max - extension.Length)] + extension;
    }
}
