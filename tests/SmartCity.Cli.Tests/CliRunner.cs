namespace SmartCity.Cli.Tests;

/// <summary>Runs the command in-process and captures its output.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A temporary folder, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartcity-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (content is not null)
        {
            System.IO.File.WriteAllText(path, content);
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
