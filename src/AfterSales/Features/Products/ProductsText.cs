namespace AfterSales.Features.Products;

/// <summary>Marker for the Products area's strings (ProductsText.resx, ProductsText.zh-CN.resx).</summary>
public sealed class ProductsText;
