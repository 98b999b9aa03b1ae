using System.Diagnostics;
using System.Text;

namespace AfterSales.Tests.Support;

/// <summary>
/// The app as production runs it: its own process (<c>dotnet AfterSales.dll serve</c>) on a free loopback port, with
/// configuration from the environment. Several of them over one database are several instances behind a balancer.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly Task _drain;

    private AppProcess(Process process, string url, StringBuilder output)
    {
        _process = process;
        _output = output;
        Url = url;
        // Keep reading both streams: a full pipe would block the app's logging.
        _drain = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
    }

    public string Url { get; }

    /// <summary>What the process printed so far (for a failing assertion's message).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts <c>serve</c> on <paramref name="database"/>, with configuration as production gives it (<c>Section__Key</c>) if any.</summary>
    public static async Task<AppProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Cli.Start(database, environment ?? new Dictionary<string, string>(), "serve", "--urls", "http://127.0.0.1:0");
        var output = new StringBuilder();
        string? url = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (url is null && !timeout.IsCancellationRequested && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (line.Trim().StartsWith("Open http://", StringComparison.Ordinal)) url = line.Trim()["Open ".Length..];
        }
        if (url is not null) return new AppProcess(process, url, output);
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"the app did not start:\n{output}\n{await process.StandardError.ReadToEndAsync()}");
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _drain;
        _process.Dispose();
    }
}
