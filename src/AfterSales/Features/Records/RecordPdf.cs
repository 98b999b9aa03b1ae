using System.Globalization;
using AfterSales.Domain.Records;
using AfterSales.Features.Visits;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.Pdf;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Records;

/// <summary>
/// The printable service record (REC-3) in Chinese, whatever the reader's language: it is the customer's document. It
/// shows the signed content, the signature, the content's hash and a QR code that opens the public check of that hash.
/// </summary>
public sealed class RecordPdf(RecordService records, IStringLocalizer<RecordsText> text, IStringLocalizer<VisitsText> units, LocalTime time)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <param name="id">The record.</param>
    /// <param name="siteUrl">Where the app is reached (scheme, host, base path), for the QR code's link.</param>
    public async Task<(byte[] Content, string FileName)> RenderAsync(int id, string siteUrl)
    {
        var record = await records.GetAsync(id);
        var signature = await records.SignatureAsync(id);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Chinese;
        try
        {
            return (Render(record, signature, siteUrl), $"{record.Number}.pdf");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private byte[] Render(RecordDto r, byte[]? signature, string siteUrl)
    {
        var c = r.Content;
        string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
        string When(DateTimeOffset? at) => at is { } t ? time.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
        string Unit(string? unit) => unit is null ? "" : units["Unit." + unit] is { ResourceNotFound: false } found ? found.Value : unit;

        var title = text["Kind." + c.Kind].Value;
        using var pdf = new PdfReport($"{title} {c.Number}", $"{title} {c.Number}", (page, pages) => $"第 {page} / {pages} 页");
        pdf.Title(title);
        if (r.Signed && r.ContentHash is { } hash) pdf.QrCode($"{siteUrl}/v/{c.Number}/{hash[..16]}", 72);
        pdf.KeyValues(
        [
            (text["Number"], c.Number),
            (text["WorkOrder"], c.WorkOrderNumber),
            (text["Customer"], $"{c.CustomerName} {c.CustomerPhone}"),
            (text["Address"], c.SiteAddress),
            (text["Technician"], c.TechnicianName),
            (text["StateLabel"], text[r.Signed ? "State.Signed" : "State.Draft"]),
        ]);
        pdf.Heading(text["WorkDone"]);
        pdf.Paragraph(c.WorkDone);
        pdf.KeyValues(
        [
            (text["ConstructionSchedule"], $"{c.ConstructionSchedule ?? "—"} {(c.ConstructionDate is null ? "" : Day(c.ConstructionDate))}".Trim()),
            (text["InstallPeriod"], c.InstallFrom is null && c.InstallTo is null ? "—" : $"{Day(c.InstallFrom)} – {Day(c.InstallTo)}"),
            (text["Remarks"], c.Remarks ?? "—"),
        ], keyWidth: 110);
        Lines(pdf, text["Products"], [text["Col.Item"], text["Col.Quantity"], text["Col.Note"]], c.Lines.Where(l => l.Kind == RecordLineKind.Product)
            .Select(l => (IReadOnlyList<string>)[l.Name, l.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "", l.Note ?? ""]));
        Lines(pdf, text["Measurements"], [text["Col.Item"], text["Col.Value"], text["Col.Note"]], c.Lines.Where(l => l.Kind == RecordLineKind.Measurement)
            .Select(l => (IReadOnlyList<string>)[l.Name, $"{l.Value?.ToString("0.###", CultureInfo.InvariantCulture)} {Unit(l.Unit)}".Trim(), l.Note ?? ""]));
        Lines(pdf, text["Tests"], [text["Col.Item"], text["Col.Result"], text["Col.Note"]], c.Lines.Where(l => l.Kind == RecordLineKind.Test)
            .Select(l => (IReadOnlyList<string>)[l.Name, text[l.Passed == true ? "TestPassed" : "TestFailed"], l.Note ?? ""]));

        pdf.Heading(text["CustomerSignature"]);
        if (r.Signed && signature is not null)
        {
            pdf.KeyValues(
            [
                (text["Signer"], $"{c.SignerName}（{text["Role." + c.SignerRole]}）"),
                (text["SignedAt"], When(c.SignedAt)),
            ]);
            pdf.Image(signature, 220, 90);
            pdf.KeyValues([(text["Hash"], r.ContentHash)], keyWidth: 140);
        }
        else pdf.Paragraph(text["SignFirst"]);
        foreach (var amendment in r.Amendments)
            pdf.Paragraph($"{text["Amendments"]} {When(amendment.At)} {amendment.By}：{amendment.Text}");
        return pdf.ToBytes();
    }

    private static void Lines(PdfReport pdf, string heading, LocalizedString[] headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        pdf.Heading(heading);
        pdf.Table([new PdfColumn(headers[0], 3), new PdfColumn(headers[1], 2), new PdfColumn(headers[2], 4)], list);
    }
}
