using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.Visits;

/// <summary>"data:image/jpeg;base64,…" as the phone's canvas writes it.</summary>
public static class DataUrl
{
    public static (byte[] Content, string ContentType) Decode(string dataUrl)
    {
        const string prefix = "data:";
        const string marker = ";base64,";
        var at = dataUrl.IndexOf(marker, StringComparison.Ordinal);
        if (!dataUrl.StartsWith(prefix, StringComparison.Ordinal) || at < 0)
            throw new DomainException("PhotoTypeNotAllowed") { Field = "Photo" };
        // Base64 is 4 characters for 3 bytes: refuse an oversized photo before decoding it.
        if ((dataUrl.Length - at - marker.Length) / 4 * 3 > VisitPhoto.MaxBytes + 3)
            throw new DomainException("PhotoTooLarge", VisitPhoto.MaxBytes / 1024 / 1024) { Field = "Photo" };
        try
        {
            return (Convert.FromBase64String(dataUrl[(at + marker.Length)..]), dataUrl[prefix.Length..at]);
        }
        catch (FormatException)
        {
            throw new DomainException("PhotoTypeNotAllowed") { Field = "Photo" };
        }
    }
}
