using System.Diagnostics;

namespace AfterSales.Tests.Support;

/// <summary>Runs the real command line (<c>dotnet AfterSales.dll VERB …</c>) as its own process.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "AfterSales.dll");

    /// <summary>
    /// A verb that works on files only (assess, sms parse …): it is pointed at a SQLite file that does not exist, and
    /// the file must still not exist afterwards — the verb did not touch a database.
    /// </summary>
    public static async Task<Result> RunWithoutDatabaseAsync(params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aftersales-none-{Guid.NewGuid():N}.db");
        var result = await RunAsync($"Data Source={path}", "sqlite", args);
        Assert.False(File.Exists(path), "the verb created a database");
        return result;
    }

    public static Task<Result> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(database.ConnectionString, database.ProviderName, args);

    private static async Task<Result> RunAsync(string connection, string provider, string[] args)
    {
        using var process = Start(connection, provider, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>A verb with configuration of its own, given as the environment gives it in production (<c>Section__Key</c>).</summary>
    public static Process Start(TestDatabase database, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(database.ConnectionString, database.ProviderName, args, environment);

    private static Process Start(string connection, string provider, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(AppDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.ArgumentList.Add("--connection");
        info.ArgumentList.Add(connection);
        info.ArgumentList.Add("--provider");
        info.ArgumentList.Add(provider);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
