namespace AfterSales.Features.Products;

public static class ProductsSetup
{
    public static IServiceCollection AddProducts(this IServiceCollection services) => services.AddScoped<ProductService>();
}
