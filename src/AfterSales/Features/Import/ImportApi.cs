using AfterSales.Domain;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Import;

/// <summary>
/// <c>POST /api/import/{kind}?mode=all|valid-only</c> with a multipart <c>file</c>: 200 with the report when rows were
/// imported, 400 ProblemDetails carrying the same report (extension <c>problems</c>) when nothing was. The form post
/// needs the anti-forgery token in the X-CSRF-TOKEN header, as every form post does. Templates are at
/// <c>/Import/Template/{kind}.xlsx</c> and <c>.csv</c>.
/// </summary>
public static class ImportApi
{
    /// <summary>The file plus the multipart envelope; the file alone is checked against its own limit with a clear message.</summary>
    public const long MaxRequestBytes = SheetReader.MaxFileBytes + 1024 * 1024;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/import").WithTags("Import").RequireAuthorization(Policies.Import);
        api.MapPost("/{kind}", async Task<Results<Ok<ImportReport>, ProblemHttpResult>> (string kind, string? mode, IFormFile? file,
                ImportService imports, IStringLocalizer<ErrorText> errors, CancellationToken ct) =>
            {
                var importKind = ImportNames.ParseKind(kind) ?? throw new NotFoundException();
                var importMode = ImportNames.ParseMode(mode)
                    ?? throw new DomainException("ImportUnknownValue", mode ?? "", $"{ImportNames.AllOrNothingSlug}, {ImportNames.ValidRowsOnlySlug}") { Field = "mode" };
                var (fileName, content) = await ImportService.ReadUploadAsync(file, ct);
                var report = await imports.ImportAsync(importKind, fileName, content, importMode, ct);
                return report.Rejected ? Rejected(report, errors) : TypedResults.Ok(report);
            })
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes)
            .Produces<ImportReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/Import/Template/{kind}.{format}", IResult (string kind, string format, IStringLocalizer<ImportText> text) =>
            {
                if (ImportNames.ParseKind(kind) is not { } importKind) return TypedResults.NotFound();
                var name = text[$"Template.FileName.{importKind.Slug()}"].Value;
                return format.ToLowerInvariant() switch
                {
                    "xlsx" => TypedResults.File(ImportTemplates.Xlsx(importKind), ImportTemplates.XlsxContentType, $"{name}.xlsx"),
                    "csv" => TypedResults.File(ImportTemplates.Csv(importKind), ImportTemplates.CsvContentType, $"{name}.csv"),
                    _ => TypedResults.NotFound(),
                };
            })
            .RequireAuthorization(Policies.Import)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The 400 answer: the report's counts and problems as ProblemDetails extensions.</summary>
    public static ProblemHttpResult Rejected(ImportReport report, IStringLocalizer<ErrorText> errors) =>
        TypedResults.Problem(
            title: errors["ImportRejected", report.RowsWithProblems].Value,
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://aftersales.example/errors/ImportRejected",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "ImportRejected",
                ["kind"] = report.Kind,
                ["mode"] = report.Mode,
                ["rowsRead"] = report.RowsRead,
                ["rowsValid"] = report.RowsValid,
                ["imported"] = report.Imported,
                ["ignoredColumns"] = report.IgnoredColumns,
                ["problems"] = report.Problems,
            });
}
