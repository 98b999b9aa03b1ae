using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Features.Assessment;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Import;

/// <summary>
/// The import pipeline shared by the page, the API and the command line: read the file, find its header row,
/// check every row (required cells, formats, domain rules, references, duplicates in the file and in the database),
/// then — only then — write the rows the mode allows, in one transaction.
/// </summary>
public sealed class ImportService(AppDbContext db, IStringLocalizer<ErrorText> errors, PolicyBook policies, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(ImportKind kind, string? fileName, byte[] content, ImportMode mode, CancellationToken ct = default)
    {
        var importer = await CreateAsync(kind);
        var sheets = SheetReader.Read(fileName, content);
        var headers = HeaderMap.Find(sheets, importer.Columns);
        if (headers is null)
        {
            var required = string.Join(", ", importer.Columns.Where(c => c.Required).Select(c => c.Chinese));
            return Rejected(kind, mode, [], [new RowProblem(1, "", null, "ImportNoHeader", [required])]);
        }
        if (headers.Problems.Count > 0)
        {
            return Rejected(kind, mode, headers.IgnoredColumns,
                headers.Problems.Select(p => new RowProblem(headers.HeaderRow.Number, p.Column, null, p.Code, p.Args)).ToList());
        }
        var dataRows = headers.DataRows.ToList();
        if (dataRows.Count == 0)
            return Rejected(kind, mode, headers.IgnoredColumns, [new RowProblem(headers.HeaderRow.Number + 1, "", null, "ImportNoRows", [])]);
        if (dataRows.Count > ImportLimits.MaxRows)
        {
            return Rejected(kind, mode, headers.IgnoredColumns,
                [new RowProblem(dataRows[ImportLimits.MaxRows].Number, "", null, "ImportTooManyRows", [ImportLimits.MaxRows])], dataRows.Count);
        }

        await importer.PrepareAsync(ct);
        var rows = dataRows.Select(r => new ImportRow(r, headers)).ToList();
        foreach (var row in rows) importer.Read(row);
        importer.CheckAcrossRows();

        var problems = rows.SelectMany(r => r.Problems).ToList();
        var valid = rows.Count(r => r.IsValid);
        var imported = 0;
        if (valid > 0 && (mode == ImportMode.ValidRowsOnly || problems.Count == 0))
            imported = await SaveAsync(importer, ct);
        return Report(kind, mode, rows.Count, valid, imported, headers.IgnoredColumns, problems);
    }

    /// <summary>Reads an upload into memory, refusing a missing, empty or too large file.</summary>
    public static async Task<(string FileName, byte[] Content)> ReadUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null) throw new DomainException("Required") { Field = "File" };
        if (file.Length == 0) throw new DomainException("FileEmpty") { Field = "File" };
        if (file.Length > SheetReader.MaxFileBytes)
            throw new DomainException("FileTooLarge", SheetReader.MaxFileBytes / 1024 / 1024) { Field = "File" };
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (file.FileName, buffer.ToArray());
    }

    private async Task<IImporter> CreateAsync(ImportKind kind) => kind switch
    {
        ImportKind.Staff => new StaffImporter(db, await policies.InForceAsync(), clock.GetUtcNow()),
        ImportKind.Customers => new CustomerImporter(db),
        ImportKind.Products => new ProductImporter(db),
        _ => throw new NotFoundException(),
    };

    private async Task<int> SaveAsync(IImporter importer, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var saved = await importer.SaveAsync(ct);
            await transaction.CommitAsync(ct);
            return saved;
        }
        catch (DbUpdateException)
        {
            // Someone added the same code or number between the check and the write: the transaction is rolled
            // back whole, and the person is asked to run the import again (which will then report the duplicate).
            db.ChangeTracker.Clear();
            throw new ConflictException("ImportConflict");
        }
    }

    private ImportReport Rejected(ImportKind kind, ImportMode mode, IReadOnlyList<string> ignored, IReadOnlyList<RowProblem> problems, int rowsRead = 0) =>
        Report(kind, mode, rowsRead, 0, 0, ignored, problems);

    private ImportReport Report(ImportKind kind, ImportMode mode, int rowsRead, int valid, int imported, IReadOnlyList<string> ignored, IReadOnlyList<RowProblem> problems) =>
        new(kind.Slug(), mode.Slug(), rowsRead, valid, imported, ignored,
            problems.Select(p => new ImportProblem(p.Row, p.Column, p.Value, p.Code, errors[p.Code, p.Args].Value)).ToList());
}
