using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace AfterSales.Infrastructure.Pdf;

/// <summary>A column of a <see cref="PdfReport.Table"/>: its header, its share of the page width and its alignment.</summary>
public sealed record PdfColumn(string Header, double Width, bool AlignRight = false);

/// <summary>
/// A small flowing layout on A4 for the app's printable documents (receipts, service records): a title, key/value
/// rows, tables whose cells wrap, images (signatures), QR codes, page breaks, and a footer with page numbers added
/// when the document is finished. Text wraps by character, which suits Chinese; a long Latin word is split too.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 48;
    private const double FooterHeight = 24;
    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly Func<int, int, string> _pageText;
    private readonly XFont _body;
    private readonly XFont _bodyBold;
    private PdfPage _page = null!;
    private XGraphics _gfx = null!;
    private double _y;
    // A QR code floated at the right: text beside it keeps clear of it until below it.
    private double _floatBottom, _floatWidth;

    /// <param name="title">The document's title in its properties.</param>
    /// <param name="footer">Text at the bottom left of every page (e.g. the document number).</param>
    /// <param name="pageText">The page counter at the bottom right, from page and page count (e.g. "第 1 / 2 页").</param>
    public PdfReport(string title, string footer, Func<int, int, string> pageText)
    {
        PdfFonts.Install();
        _body = Font(10);
        _bodyBold = Font(10, bold: true);
        _document.Info.Title = title;
        _document.Info.Creator = "AfterSales";
        _footer = footer;
        _pageText = pageText;
        NewPage();
    }

    private double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin - FooterHeight;

    public static XFont Font(double size, bool bold = false)
    {
        PdfFonts.Install();
        return new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    public void Title(string text)
    {
        var font = Font(18, bold: true);
        foreach (var line in Wrap(text, font, Width))
        {
            Room(26);
            _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, 26), XStringFormats.TopCenter);
            _y += 26;
        }
        _y += 8;
    }

    public void Heading(string text)
    {
        PastFloat();
        var font = Font(12, bold: true);
        Room(30);
        _y += 6;
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, 18), XStringFormats.TopLeft);
        _y += 18;
        _gfx.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
        _y += 6;
    }

    public void Paragraph(string text, double size = 10)
    {
        PastFloat();
        var font = Font(size);
        foreach (var line in Wrap(text, font, Width))
        {
            Room(size + 5);
            _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, size + 5), XStringFormats.TopLeft);
            _y += size + 5;
        }
        _y += 4;
    }

    /// <summary>Label and value pairs in two columns; a long value wraps under itself.</summary>
    public void KeyValues(IEnumerable<(string Key, string? Value)> rows, double keyWidth = 90)
    {
        foreach (var (key, value) in rows)
        {
            var lines = Wrap(string.IsNullOrWhiteSpace(value) ? "—" : value, _body, Clear() - keyWidth);
            Room(15 * Math.Min(lines.Count, 3));
            _gfx.DrawString(key, _bodyBold, XBrushes.DimGray, new XRect(Margin, _y, keyWidth, 15), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                Room(15);
                _gfx.DrawString(line, _body, XBrushes.Black, new XRect(Margin + keyWidth, _y, Width - keyWidth, 15), XStringFormats.TopLeft);
                _y += 15;
            }
        }
        _y += 6;
    }

    /// <summary>A table with a header row repeated on every page it runs onto; each cell wraps within its column.</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string>? footerRow = null)
    {
        PastFloat();
        var share = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width / share * Width).ToArray();
        const double pad = 4, lineHeight = 14;
        var headers = columns.Select(c => c.Header).ToList();

        void Row(IReadOnlyList<string> cells, XFont font, XBrush? fill)
        {
            var wrapped = cells.Select((c, i) => Wrap(c ?? "", font, widths[i] - 2 * pad)).ToList();
            var height = wrapped.Max(w => w.Count) * lineHeight + 2 * pad;
            if (_y + height > Bottom)
            {
                NewPage();
                if (!ReferenceEquals(cells, headers)) Row(headers, _bodyBold, XBrushes.Gainsboro);
            }
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = new XRect(x, _y, widths[i], height);
                if (fill is not null) _gfx.DrawRectangle(fill, cell);
                _gfx.DrawRectangle(XPens.Gray, cell);
                var ty = _y + pad;
                foreach (var line in wrapped[i])
                {
                    _gfx.DrawString(line, font, XBrushes.Black, new XRect(x + pad, ty, widths[i] - 2 * pad, lineHeight),
                        columns[i].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);
                    ty += lineHeight;
                }
                x += widths[i];
            }
            _y += height;
        }

        Row(headers, _bodyBold, XBrushes.Gainsboro);
        foreach (var row in rows) Row(row, _body, null);
        if (footerRow is not null) Row(footerRow, _bodyBold, null);
        _y += 10;
    }

    /// <summary>An image (PNG or JPEG) scaled to fit the box, with an optional caption above it.</summary>
    public void Image(byte[] image, double maxWidth, double maxHeight, string? caption = null)
    {
        PastFloat();
        using var stream = new MemoryStream(image);
        using var picture = XImage.FromStream(stream);
        var scale = Math.Min(1, Math.Min(maxWidth / picture.PointWidth, maxHeight / picture.PointHeight));
        var w = picture.PointWidth * scale;
        var h = picture.PointHeight * scale;
        Room(h + (caption is null ? 0 : 16) + 6);
        if (caption is not null)
        {
            _gfx.DrawString(caption, _bodyBold, XBrushes.DimGray, new XRect(Margin, _y, Width, 15), XStringFormats.TopLeft);
            _y += 16;
        }
        _gfx.DrawImage(picture, Margin, _y, w, h);
        _gfx.DrawRectangle(XPens.LightGray, Margin, _y, w, h);
        _y += h + 6;
    }

    /// <summary>
    /// A QR code of <paramref name="text"/> (e.g. the document's number and total), <paramref name="size"/> points square,
    /// at the right margin; the key/value rows that follow run beside it. Drawn as vector squares: sharp at any zoom,
    /// and no image format to decode.
    /// </summary>
    public void QrCode(string text, double size = 80)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        Room(size + 6);
        var left = Margin + Width - size;
        for (var row = 0; row < modules.Count; row++)
            for (var column = 0; column < modules[row].Count; column++)
                if (modules[row][column])
                    _gfx.DrawRectangle(XBrushes.Black, left + column * cell, _y + row * cell, cell + 0.05, cell + 0.05);
        _floatBottom = _y + size + 6;
        _floatWidth = size + 8;
    }

    /// <summary>Whether <see cref="Image"/> can place this picture (PDFsharp reads JPEG, BMP and most PNG, not every PNG colour type).</summary>
    public static bool CanPlace(byte[] image)
    {
        try
        {
            using var stream = new MemoryStream(image);
            using var picture = XImage.FromStream(stream);
            return picture.PixelWidth > 0 && picture.PixelHeight > 0;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    public void PageBreak() => NewPage();

    /// <summary>Adds the footers and returns the finished PDF.</summary>
    public byte[] ToBytes()
    {
        _gfx.Dispose();
        var font = Font(8);
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin - 10;
            var w = page.Width.Point - 2 * Margin;
            gfx.DrawLine(XPens.LightGray, Margin, y - 4, Margin + w, y - 4);
            gfx.DrawString(_footer, font, XBrushes.DimGray, new XRect(Margin, y, w, 12), XStringFormats.TopLeft);
            gfx.DrawString(_pageText(i + 1, count), font, XBrushes.DimGray, new XRect(Margin, y, w, 12), XStringFormats.TopRight);
        }
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
        _floatBottom = 0;
    }

    private void Room(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    /// <summary>The width free for text at the current height.</summary>
    private double Clear() => _y < _floatBottom ? Width - _floatWidth : Width;

    /// <summary>Moves below a floated QR code before anything that spans the page.</summary>
    private void PastFloat()
    {
        if (_y < _floatBottom) _y = _floatBottom;
        _floatBottom = 0;
    }

    /// <summary>Breaks text into lines that fit <paramref name="width"/>: at line breaks, then character by character.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var element in System.Globalization.StringInfo.GetTextElementEnumerator(paragraph).AsEnumerable())
            {
                var candidate = line + element;
                if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = element.TrimStart();
                }
                else line = candidate;
            }
            lines.Add(line);
        }
        return lines;
    }
}

internal static class TextElementEnumeratorExtensions
{
    public static IEnumerable<string> AsEnumerable(this System.Globalization.TextElementEnumerator elements)
    {
        while (elements.MoveNext()) yield return elements.GetTextElement();
    }
}
