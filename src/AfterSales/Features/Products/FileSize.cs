using System.Globalization;

namespace AfterSales.Features.Products;

/// <summary>File sizes as people read them: 532 B, 48.2 KB, 3.1 MB.</summary>
public static class FileSize
{
    public static string Show(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
