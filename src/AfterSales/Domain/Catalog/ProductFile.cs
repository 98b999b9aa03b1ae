namespace AfterSales.Domain.Catalog;

/// <summary>
/// A file attached to a product, typically its installation drawing. Kept in the database so that
/// every instance behind a load balancer serves the same file.
/// </summary>
public class ProductFile : Entity
{
    public const int MaxBytes = 20 * 1024 * 1024;

    private ProductFile() { }

    internal ProductFile(Product product, string fileName, string contentType, byte[] content)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new DomainException("Required") { Field = "File" };
        if (content.Length == 0) throw new DomainException("FileEmpty") { Field = "File" };
        if (content.Length > MaxBytes) throw new DomainException("FileTooLarge", MaxBytes / 1024 / 1024) { Field = "File" };
        Product = product;
        FileName = Path.GetFileName(fileName.Trim());
        ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
        Content = content;
        Length = content.Length;
    }

    public int ProductId { get; private set; }
    public Product Product { get; private set; } = null!;
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    public byte[] Content { get; private set; } = [];
}
