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

    public static async Task<Result> RunAsync(TestDatabase database, params string[] args)
    {
        using var process = Start(database, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static Process Start(TestDatabase database, params string[] args)
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
        info.ArgumentList.Add(database.ConnectionString);
        info.ArgumentList.Add("--provider");
        info.ArgumentList.Add(database.ProviderName);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
