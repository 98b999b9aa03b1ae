using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Shared;

/// <summary>One page of a list, with what the pager needs to link to the others.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static async Task<Paged<T>> FromAsync(IQueryable<T> query, int page, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, pageSize, total);
    }
}

/// <summary>What the pager partial needs, independent of the item type.</summary>
public sealed record PagerModel(int Page, int Pages, int Total);
