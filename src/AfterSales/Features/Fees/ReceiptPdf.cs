using System.Globalization;
using AfterSales.Domain.Fees;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.Pdf;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Fees;

/// <summary>
/// The printable receipt (FEE-1) in Chinese, whatever the reader's language: it is the customer's document. It carries
/// the lines, the total, the customer's signature and a QR code of the number and total, so a copy can be checked.
/// </summary>
public sealed class ReceiptPdf(ReceiptService receipts, IStringLocalizer<FeesText> text, LocalTime time)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public async Task<(byte[] Content, string FileName)> RenderAsync(int id)
    {
        var (receipt, signature) = await receipts.GetWithSignatureAsync(id);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return (Render(receipt, signature), $"{receipt.Number}.pdf");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private byte[] Render(ReceiptDto r, byte[]? signature)
    {
        string Money(decimal amount) => text["Yuan", amount.ToString("N2", CultureInfo.InvariantCulture)];
        string When(DateTimeOffset? at) => at is { } t ? time.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

        using var pdf = new PdfReport($"{text["PdfTitle"]} {r.Number}", $"{text["PdfCompany"]} · {text["PdfTitle"]} {r.Number}",
            (page, pages) => text["PdfPage", page, pages]);
        pdf.Title(text["PdfTitle"]);
        pdf.QrCode($"{r.Number} {r.Total.ToString("0.00", CultureInfo.InvariantCulture)}", 72);
        pdf.KeyValues(
        [
            (text["Number"], r.Number),
            (text["State"], text[$"State.{r.State}"]),
            (text["Customer"], r.CustomerName),
            (text["Site"], r.SiteAddress),
            (text["WorkOrder"], $"WO{r.WorkOrderId:000000}"),
            (text["Region"], r.RegionName),
            (text["Technician"], r.TechnicianName),
            (text["PaymentMethod"], text[$"Method.{r.PaymentMethod}"]),
            (text["Created"], When(r.CreatedAt)),
        ]);
        if (r.State == ReceiptState.Voided) pdf.Paragraph(text["PdfVoided", r.VoidReason ?? ""], 12);
        pdf.Heading(text["Lines"]);
        pdf.Table(
            [
                new PdfColumn("#", 0.5),
                new PdfColumn(text["Item"], 4.5),
                new PdfColumn(text["Kind"], 1),
                new PdfColumn(text["Quantity"], 1.2, AlignRight: true),
                new PdfColumn(text["UnitPrice"], 1.6, AlignRight: true),
                new PdfColumn(text["LineTotal"], 1.8, AlignRight: true),
            ],
            r.Lines.Select(l => (IReadOnlyList<string>)
            [
                l.Position.ToString(CultureInfo.InvariantCulture), l.Description, text[$"Kind.{l.Kind}"],
                l.Quantity.ToString("0.###", CultureInfo.InvariantCulture), Money(l.UnitPrice), Money(l.LineTotal),
            ]),
            ["", text["Total"], "", "", "", Money(r.Total)]);
        pdf.Heading(text["SignTitle"]);
        if (signature is not null)
        {
            pdf.KeyValues([(text["SignedBy"], r.SignedByName), (text["Signed"], When(r.SignedAt))]);
            pdf.Image(signature, 220, 90);
        }
        else pdf.Paragraph(text["PdfNoSignature"]);
        return pdf.ToBytes();
    }
}
