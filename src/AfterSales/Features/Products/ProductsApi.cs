using AfterSales.Domain.Catalog;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AfterSales.Features.Products;

public sealed record VersionInput(int Version);

/// <summary>The product catalog: readable by everyone signed in, changed by <see cref="Policies.ManageCatalog"/>.</summary>
public static class ProductsApi
{
    /// <summary>Room for the multipart envelope around a file of the largest allowed size.</summary>
    public const long UploadRequestLimit = ProductFile.MaxBytes + 1024 * 1024;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        // The download link the pages use; the API route below serves the same file.
        app.MapGet("/Products/{id:int}/Files/{fileId:int}", DownloadAsync).ExcludeFromDescription();

        var api = app.MapGroup("/api/products").WithTags("Products");
        api.MapGet("/", async (ProductService products, string? q, string? category, bool? active,
                int page = 1, int pageSize = Paged<ProductDto>.DefaultPageSize) =>
            TypedResults.Ok(await Paged<ProductDto>.FromAsync(products.Query(new ProductFilter(q, category, active)), page, pageSize)));
        api.MapGet("/{id:int}", async (int id, ProductService products) => TypedResults.Ok(await products.GetAsync(id)));
        api.MapPost("/", async (ProductInput input, ProductService products) =>
        {
            var id = await products.SaveAsync(null, input);
            return TypedResults.Created($"/api/products/{id}", await products.GetAsync(id));
        }).RequireAuthorization(Policies.ManageCatalog);
        api.MapPut("/{id:int}", async (int id, ProductInput input, ProductService products) =>
        {
            await products.SaveAsync(id, input);
            return TypedResults.Ok(await products.GetAsync(id));
        }).RequireAuthorization(Policies.ManageCatalog);
        api.MapPost("/{id:int}/discontinue", async (int id, VersionInput input, ProductService products) =>
        {
            await products.SetActiveAsync(id, false, input.Version);
            return TypedResults.Ok(await products.GetAsync(id));
        }).RequireAuthorization(Policies.ManageCatalog);
        api.MapPost("/{id:int}/reinstate", async (int id, VersionInput input, ProductService products) =>
        {
            await products.SetActiveAsync(id, true, input.Version);
            return TypedResults.Ok(await products.GetAsync(id));
        }).RequireAuthorization(Policies.ManageCatalog);

        api.MapGet("/{id:int}/files", async (int id, ProductService products) => TypedResults.Ok(await products.FilesAsync(id)));
        // A multipart form: ASP.NET checks the anti-forgery token (form field or X-CSRF-TOKEN header) as for a page.
        api.MapPost("/{id:int}/files", async (int id, IFormFile? file, ProductService products) =>
        {
            var saved = await products.AttachAsync(id, file?.FileName, file?.Length ?? 0, () => file!.OpenReadStream());
            return TypedResults.Created($"/api/products/{id}/files/{saved.Id}", saved);
        }).RequireAuthorization(Policies.ManageCatalog)
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithFormOptions(multipartBodyLengthLimit: UploadRequestLimit);
        api.MapGet("/{id:int}/files/{fileId:int}", DownloadAsync);
        api.MapDelete("/{id:int}/files/{fileId:int}", async (int id, int fileId, ProductService products) =>
        {
            await products.DeleteFileAsync(id, fileId);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ManageCatalog);
        return app;
    }

    /// <summary>
    /// Sends a file under its original name (RFC 6266 <c>filename*</c> keeps Chinese names). Images and PDF may be
    /// shown in the browser with <c>?inline=true</c>; everything else is always a download.
    /// </summary>
    private static async Task<FileContentHttpResult> DownloadAsync(int id, int fileId, bool? inline, ProductService products, HttpContext http)
    {
        var file = await products.ContentAsync(id, fileId);
        var mayShow = inline == true && ProductFileTypes.Of(file.ContentType)?.MayShowInline == true;
        var disposition = new ContentDispositionHeaderValue(mayShow ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.File(file.Content, file.ContentType);
    }
}
