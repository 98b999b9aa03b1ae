namespace AfterSales.Tests.Support;

/// <summary>The checkout the tests run from (the folder holding AfterSales.slnx).</summary>
public static class Repository
{
    public static readonly string Root = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AfterSales.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (AfterSales.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
