using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Domain.Catalog;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>The product catalog (managed by ManageCatalog) and its files: installation drawings (VIS-4).</summary>
public sealed partial class ProductsTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static object NewProduct(string code = "TST-1", string name = "测试产品", decimal? price = 1234m) => new
    {
        code, name, category = "设备", equipmentKind = "卷压设备", model = "T-1", description = "说明", price,
    };

    [Theory, BothDatabases]
    public async Task Technical_support_creates_and_edits_a_product_through_the_api(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");

        var created = await support.PostAsJsonAsync("/api/products", NewProduct(code: "tst-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = await Json(created);
        var id = product.GetProperty("id").GetInt32();
        Assert.Equal("TST-1", product.GetProperty("code").GetString());
        Assert.Equal(1234m, product.GetProperty("price").GetDecimal());

        var updated = await support.PutAsJsonAsync($"/api/products/{id}", new
        {
            name = "测试产品 二代", category = "设备", equipmentKind = "垂直设备", model = "T-2", price = 99.5m,
            version = product.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stored = await app.DbAsync(d => d.Products.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("测试产品 二代", stored.Name);
        Assert.Equal("垂直设备", stored.EquipmentKind);
        Assert.Equal(99.5m, stored.Price);
        Assert.Equal("TST-1", stored.Code);
    }

    [Theory, BothDatabases]
    public async Task Only_catalog_managers_may_change_products_SEC2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var productId = await app.DbAsync(d => d.Products.Where(p => p.Code == "JY-200").Select(p => p.Id).SingleAsync());
        foreach (var user in new[] { "fj.manager", "tech01" })
        {
            var client = await app.LogInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/products", NewProduct())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden,
                (await client.PutAsJsonAsync($"/api/products/{productId}", new { name = "x", category = "y", version = 0 })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden,
                (await client.PostAsJsonAsync($"/api/products/{productId}/discontinue", new { version = 0 })).StatusCode);

            // The edit page refuses too (the cookie scheme sends the browser to the 403 page).
            var page = await client.GetAsync($"/Products/Edit/{productId}");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Identity/Denied", page.Headers.Location!.PathAndQuery);
            var denied = await client.GetAsync(page.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

            // Reading the catalog is for everyone signed in.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Products/Details/{productId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products?q=jy")).StatusCode);
        }
        Assert.Equal("卷压设备 JY-200", await app.DbAsync(d => d.Products.Where(p => p.Id == productId).Select(p => p.Name).SingleAsync()));
        Assert.False(await app.DbAsync(d => d.Products.AnyAsync(p => p.Code == "TST-1")));
    }

    [Theory, BothDatabases]
    public async Task Invalid_product_input_answers_400_with_the_field(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");

        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/products", NewProduct(name: " ")), "Name");
        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/products", NewProduct(price: -1m)), "Price");
        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/products", NewProduct(price: 1.234m)), "Price");
        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/products", NewProduct(code: "jy-200")), "Code");
        await AssertFieldErrorAsync(await support.PostAsJsonAsync("/api/products", NewProduct(name: new string('长', 201))), "Name");
        Assert.False(await app.DbAsync(d => d.Products.AnyAsync(p => p.Code == "TST-1")));
    }

    [Theory, BothDatabases]
    public async Task A_stale_version_is_refused_with_409(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");
        var product = await Json(await support.PostAsJsonAsync("/api/products", NewProduct()));
        var id = product.GetProperty("id").GetInt32();
        var body = new { name = "第一次", category = "设备", version = 0 };
        Assert.Equal(HttpStatusCode.OK, (await support.PutAsJsonAsync($"/api/products/{id}", body)).StatusCode);

        var stale = await support.PutAsJsonAsync($"/api/products/{id}", body with { name = "第二次" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ConcurrentEdit", (await Json(stale)).GetProperty("code").GetString());
        Assert.Equal("第一次", await app.DbAsync(d => d.Products.Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task The_edit_page_creates_then_discontinues_and_reinstates_a_product(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gm = await app.LogInAsync("gm");
        var created = await TestApp.PostFormAsync(gm, "/Products/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "pg-1", ["Input.Name"] = "页面产品", ["Input.Category"] = "卫浴", ["Input.Price"] = "1234.5",
            ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var product = await app.DbAsync(d => d.Products.AsNoTracking().SingleAsync(p => p.Code == "PG-1"));
        Assert.Equal(1234.5m, product.Price);

        var details = WebUtility.HtmlDecode(await (await gm.GetAsync(created.Headers.Location)).Content.ReadAsStringAsync());
        Assert.Contains("¥1,234.50", details);

        var discontinued = await TestApp.PostFormAsync(gm, $"/Products/Edit/{product.Id}",
            new Dictionary<string, string> { ["Input.Version"] = product.Version.ToString() }, $"/Products/Edit/{product.Id}?handler=Discontinue");
        Assert.Equal(HttpStatusCode.Redirect, discontinued.StatusCode);
        Assert.False(await app.DbAsync(d => d.Products.Where(p => p.Id == product.Id).Select(p => p.IsActive).SingleAsync()));

        // Pressing the button again from the old page is a stale version: refused, shown on the page, nothing changed.
        var stale = await TestApp.PostFormAsync(gm, $"/Products/Edit/{product.Id}",
            new Dictionary<string, string> { ["Input.Version"] = product.Version.ToString() }, $"/Products/Edit/{product.Id}?handler=Reinstate");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("class=\"alert\"", await stale.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(d => d.Products.Where(p => p.Id == product.Id).Select(p => p.IsActive).SingleAsync()));

        var list = await (await gm.GetAsync("/Products?active=false")).Content.ReadAsStringAsync();
        Assert.Contains("PG-1", list);
        Assert.DoesNotContain("JY-200", list);
    }

    [Theory, BothDatabases]
    public async Task Files_uploaded_through_the_page_and_the_api_come_back_byte_for_byte_VIS4(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");
        var productId = await app.DbAsync(d => d.Products.Where(p => p.Code == "JY-200").Select(p => p.Id).SingleAsync());
        var token = await TokenAsync(support, $"/Products/Details/{productId}");

        // The product page's form (multipart, anti-forgery token as a form field).
        var page = await support.PostAsync($"/Products/{productId}/Files/Upload", Multipart("安装图纸.png", Png, token));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/Products/Details/{productId}", page.Headers.Location!.OriginalString);

        // The API (multipart, token in the X-CSRF-TOKEN header).
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/files") { Content = Multipart("接线图 A3.pdf", Pdf, null, "file") };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var api = await support.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        var pdfId = (await Json(api)).GetProperty("id").GetInt32();

        var files = await support.GetFromJsonAsync<JsonElement>($"/api/products/{productId}/files");
        var png = files.EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == "安装图纸.png");
        Assert.Equal("image/png", png.GetProperty("contentType").GetString());
        Assert.Equal(Png.Length, png.GetProperty("length").GetInt64());

        var download = await support.GetAsync($"/Products/{productId}/Files/{png.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("安装图纸.png", Uri.UnescapeDataString(download.Content.Headers.ContentDisposition.FileNameStar!));

        var pdf = await support.GetAsync($"/api/products/{productId}/files/{pdfId}?inline=true");
        Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("接线图 A3.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar);

        // Everyone signed in reads the drawings; the page shows the image as a thumbnail.
        var tech = await app.LogInAsync("tech06");
        Assert.Equal(Pdf, await tech.GetByteArrayAsync($"/Products/{productId}/Files/{pdfId}"));
        var details = WebUtility.HtmlDecode(await tech.GetStringAsync($"/Products/Details/{productId}"));
        Assert.Contains($"<img src=\"/Products/{productId}/Files/{png.GetProperty("id").GetInt32()}?inline=true\"", details);
        Assert.Contains("接线图 A3.pdf", details);
        Assert.DoesNotContain("/Files/Upload", details);

        // SEC-3: the trail records the file by size and hash, never its bytes.
        var audit = await app.DbAsync(d => d.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ProductFile) && a.EntityId == pdfId.ToString()).SingleAsync());
        Assert.Equal("Insert", audit.Action.ToString());
        Assert.Contains($"{Pdf.Length} bytes sha256:{Convert.ToHexStringLower(SHA256.HashData(Pdf))}", audit.After);
        Assert.DoesNotContain(Convert.ToBase64String(Pdf), audit.After);
    }

    [Theory, BothDatabases]
    public async Task Empty_oversized_and_disallowed_files_are_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");
        var productId = await app.DbAsync(d => d.Products.Where(p => p.Code == "CZ-300").Select(p => p.Id).SingleAsync());
        var token = await TokenAsync(support, $"/Products/Details/{productId}");

        async Task<HttpResponseMessage> ApiUpload(string name, byte[] content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/files") { Content = Multipart(name, content, null, "file") };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await support.SendAsync(request);
        }

        Assert.Equal("FileEmpty", await FileErrorAsync(await ApiUpload("空.pdf", [])));
        var tooLarge = new byte[ProductFile.MaxBytes + 1];
        Pdf.CopyTo(tooLarge, 0);
        Assert.Equal("FileTooLarge", await FileErrorAsync(await ApiUpload("大.pdf", tooLarge)));
        Assert.Equal("FileTypeNotAllowed", await FileErrorAsync(await ApiUpload("page.html", "<script>alert(1)</script>"u8.ToArray())));
        Assert.Equal("FileTypeNotAllowed", await FileErrorAsync(await ApiUpload("drawing.svg", "<svg/>"u8.ToArray())));
        // A name that claims an image does not make HTML one.
        Assert.Equal("FileContentMismatch", await FileErrorAsync(await ApiUpload("photo.png", "<html></html>"u8.ToArray())));

        // Without the anti-forgery token the upload is refused before anything is read.
        var forged = await support.PostAsync($"/api/products/{productId}/files", Multipart("a.png", Png, null, "file"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The page shows the reason beside the file field.
        var page = await support.PostAsync($"/Products/{productId}/Files/Upload", Multipart("空.png", [], token));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("field-validation-error", await page.Content.ReadAsStringAsync());

        // A technician may not attach files.
        var tech = await app.LogInAsync("tech01");
        var techToken = await TokenAsync(tech, $"/Products/Details/{productId}");
        var techRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/files") { Content = Multipart("a.png", Png, null, "file") };
        techRequest.Headers.Add("X-CSRF-TOKEN", techToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.SendAsync(techRequest)).StatusCode);

        Assert.Equal(0, await app.DbAsync(d => d.ProductFiles.CountAsync(f => f.ProductId == productId)));
    }

    [Theory, BothDatabases]
    public async Task A_file_is_deleted_after_confirmation(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var support = await app.LogInAsync("support");
        var productId = await app.DbAsync(d => d.Products.Where(p => p.Code == "JY-200").Select(p => p.Id).SingleAsync());
        var token = await TokenAsync(support, $"/Products/Details/{productId}");
        Assert.Equal(HttpStatusCode.Redirect, (await support.PostAsync($"/Products/{productId}/Files/Upload", Multipart("图.png", Png, token))).StatusCode);
        var fileId = await app.DbAsync(d => d.ProductFiles.Where(f => f.ProductId == productId).Select(f => f.Id).SingleAsync());

        var confirm = WebUtility.HtmlDecode(await support.GetStringAsync($"/Products/{productId}/Files/{fileId}/Delete"));
        Assert.Contains("图.png", confirm);
        Assert.Equal(1, await app.DbAsync(d => d.ProductFiles.CountAsync(f => f.Id == fileId)));

        var deleted = await TestApp.PostFormAsync(support, $"/Products/{productId}/Files/{fileId}/Delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.DbAsync(d => d.ProductFiles.CountAsync(f => f.Id == fileId)));
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/Products/{productId}/Files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.DeleteAsync($"/api/products/{productId}/files/{fileId}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_catalog_lists_searches_and_counts_only_the_equipment_the_user_sees(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var search = await tech.GetFromJsonAsync<JsonElement>("/api/products?q=卷压");
        Assert.Equal("JY-200", search.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString());
        var byCategory = await tech.GetFromJsonAsync<JsonElement>("/api/products?category=卫浴");
        Assert.Equal(4, byCategory.GetProperty("total").GetInt32());

        var productId = await app.DbAsync(d => d.Products.Where(p => p.Code == "JY-200").Select(p => p.Id).SingleAsync());
        var techId = await app.StaffIdAsync("tech01");
        var own = await app.DbAsync(d => d.Equipment.CountAsync(e => e.ProductId == productId
            && d.Sites.Any(s => s.Id == e.SiteId && d.Customers.Any(c => c.Id == s.CustomerId && c.TechnicianId == techId))));
        var all = await app.DbAsync(d => d.Equipment.CountAsync(e => e.ProductId == productId));
        Assert.True(own > 0 && own < all);
        var details = WebUtility.HtmlDecode(await tech.GetStringAsync($"/Products/Details/{productId}"));
        Assert.Contains($"/Equipment?productId={productId}\">您可查看的 {own} 台", details);
        Assert.Contains("¥86,000.00", details);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    private static async Task<string> FileErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("File", out _), body);
        return problem.GetProperty("code").GetString()!;
    }

    /// <summary>A browser-like multipart form: the page names the field Input.File, the API names it file.</summary>
    private static MultipartFormDataContent Multipart(string fileName, byte[] content, string? token, string field = "Input.File")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        // Browsers send what they guess; the server decides the type itself.
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    private static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var token = AntiForgeryToken().Match(html);
        Assert.True(token.Success, $"no anti-forgery token on {pageUrl}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}
