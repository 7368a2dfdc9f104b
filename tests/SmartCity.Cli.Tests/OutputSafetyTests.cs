using System.Text.Json;

namespace SmartCity.Cli.Tests;

/// <summary>Outputs never destroy data: no output onto an input, one whole run per folder, nothing half-written.</summary>
public class OutputSafetyTests
{
    private const string Meta = SmallCoinrCase.Meta;

    private const string Data = SmallCoinrCase.Data + "\nU5,Five,4,3,2";

    private static string[] Inputs(TempDir dir) => ["--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", Data)];

    private static string[] Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];

    private static string[] Leftovers(string parent) =>
        [.. Directory.EnumerateFileSystemEntries(parent).Select(Path.GetFileName).Where(n => n!.Contains(".smartcity-", StringComparison.Ordinal))!];

    [Fact]
    public void Ahp_OutOntoTheMatrix_IsRefusedAndTheMatrixKept()
    {
        using var dir = new TempDir();
        const string matrix = "c,A,B\nA,1,3\nB,1/3,1\n";
        var file = dir.File("m.csv", matrix);
        var run = CliRun.Of("ahp", "--matrix", file, "--out", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is the input", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(matrix, File.ReadAllText(file));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Ahp_OutOntoTheMatrixThroughASymlinkOrAnotherSpelling_IsRefused()
    {
        using var dir = new TempDir();
        const string matrix = "c,A,B\nA,1,3\nB,1/3,1\n";
        var file = dir.File("m.csv", matrix);
        var link = Path.Combine(dir.Path, "link.csv");
        File.CreateSymbolicLink(link, file);
        Assert.Equal(2, CliRun.Of("ahp", "--matrix", file, "--out", link).ExitCode);
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));
        Assert.Equal(2, CliRun.Of("ahp", "--matrix", file, "--out", Path.Combine(dir.Path, "sub", "..", "m.csv")).ExitCode);
        Assert.Equal(matrix, File.ReadAllText(file));
    }

    [Fact]
    public void Ahp_DuplicateCriterionNames_AreRefusedWithTheCode()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "w.json");
        var run = CliRun.Of("ahp", "--matrix", dir.File("m.csv", "c,A,A\nA,1,3\nA,1/3,1\n"), "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[ahp.duplicate-criterion]", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Ahp_Out_IsWrittenWhole_AndSaysSo()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "w.json");
        File.WriteAllText(output, "old");
        var run = CliRun.Of("ahp", "--matrix", dir.File("m.csv", "c,A,B\nA,1,3\nB,1/3,1\n"), "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"wrote {output}", run.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Uncertainty_PlotOntoAnInput_IsRefusedBeforeAnythingIsWritten()
    {
        using var dir = new TempDir();
        var inputs = Inputs(dir);
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of(["uncertainty", .. inputs, "--n", "5", "--seed", "1", "--noise", "2=0.25", "--out", output, "--plot", inputs[3]]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Data, File.ReadAllText(inputs[3]));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Score_OutFolderHoldingAnInput_IsRefused()
    {
        using var dir = new TempDir();
        var run = CliRun.Of(["score", .. Inputs(dir), "--out", dir.Path]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds the input", run.Error, StringComparison.Ordinal);
        Assert.Equal(Meta, File.ReadAllText(Path.Combine(dir.Path, "iMeta.csv")));
    }

    [Fact]
    public void Score_RunAgainIntoTheSameFolder_LeavesNoStaleFiles_AndAManifestOfWhatItWrote()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var first = CliRun.Of(["score", .. Inputs(dir), "--impute", "mean", "--out", output]);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("imputed.csv", Files(output));
        var second = CliRun.Of(["score", .. Inputs(dir), "--out", output]);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("imputed.csv", Files(output));
        Assert.Equal(["aggregated.csv", "contributions.csv", "normalised.csv", "ranks.csv", OutputTransaction.ManifestName], Files(output));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, OutputTransaction.ManifestName)));
        Assert.Equal("score", manifest.RootElement.GetProperty("command").GetString());
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["aggregated.csv", "contributions.csv", "normalised.csv", "ranks.csv"], listed);
        Assert.All(manifest.RootElement.GetProperty("files").EnumerateArray(), f =>
            Assert.Equal(new FileInfo(Path.Combine(output, f.GetProperty("name").GetString()!)).Length, f.GetProperty("bytes").GetInt64()));
        Assert.All(manifest.RootElement.GetProperty("files").EnumerateArray(), f =>
            Assert.Equal(Sha256(Path.Combine(output, f.GetProperty("name").GetString()!)), f.GetProperty("sha256").GetString()));
        Assert.Contains("wrote aggregated.csv, contributions.csv, normalised.csv, ranks.csv to " + output, second.Out, StringComparison.Ordinal);
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Transaction_FileHashedWhileWritten_ThenChanged_IsHashedAgainForTheManifest()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        using (var run = OutputTransaction.Begin([], "test"))
        {
            var temp = run.Folder(output);
            using (var kept = run.CreateFile(temp, "kept.csv"))
            {
                kept.Write("x\n1\n"u8);
            }

            using (var changed = run.CreateFile(temp, "changed.csv"))
            {
                changed.Write("x\n1\n"u8);
            }

            File.WriteAllText(Path.Combine(temp, "changed.csv"), "x\n2\n3\n"); // rewritten after its stream was closed
            run.Commit();
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, OutputTransaction.ManifestName)));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString());
        Assert.Equal(Sha256(Path.Combine(output, "kept.csv")), files["kept.csv"]);
        Assert.Equal(Sha256(Path.Combine(output, "changed.csv")), files["changed.csv"]);
        Assert.Equal("x\n2\n3\n", File.ReadAllText(Path.Combine(output, "changed.csv")));
    }

    [Fact]
    public void Transaction_LargeFile_StreamedToDiskWhileWritten_IsWrittenWholeAndHashed()
    {
        // Past a chunk (16 MB) the file is handed to the disk chunk by chunk as it is written (on Linux); the bytes, the
        // length and the manifest's hash are those written, in writes of every size.
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var expected = new byte[(int)(2.5 * StreamedWriteback.Chunk) + 12_345];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (byte)((i * 2_654_435_761L) >> 13);
        }

        using (var run = OutputTransaction.Begin([], "test"))
        {
            var temp = run.Folder(output);
            using (var stream = (HashingFileStream)run.CreateFile(temp, "big.csv"))
            {
                for (int offset = 0, size = 1; offset < expected.Length; offset += size, size = (size * 7 % 300_007) + 1)
                {
                    size = Math.Min(size, expected.Length - offset);
                    stream.Write(expected.AsSpan(offset, size));
                }

                if (OperatingSystem.IsLinux())
                {
                    Assert.True(stream.Streamed >= 2 * StreamedWriteback.Chunk, $"{stream.Streamed} bytes streamed");
                }
            }

            run.Commit();
        }

        var path = Path.Combine(output, "big.csv");
        Assert.Equal(expected, File.ReadAllBytes(path));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, OutputTransaction.ManifestName)));
        var file = manifest.RootElement.GetProperty("files").EnumerateArray().Single();
        Assert.Equal(expected.Length, file.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(expected)), file.GetProperty("sha256").GetString());
    }

    [Fact]
    public void HashingFileStream_OntoADevice_TurnsStreamingOff_AndKeepsWriting()
    {
        // sync_file_range refuses what is not a regular file (ESPIPE): the writeback turns itself off, nothing throws.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string? hash = null;
        using (var stream = new HashingFileStream("/dev/null", (_, sha, _) => hash = sha))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < 40; i++)
            {
                stream.Write(block);
            }

            Assert.Equal(0, stream.Streamed);
        }

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[40 << 20])), hash);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Score_FolderNotMadeByTheTool_IsRefusedAndItsFilesKept()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "thesis.docx"), "mine");
        var run = CliRun.Of(["score", .. Inputs(dir), "--out", output]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not written by smartcity", run.Error, StringComparison.Ordinal);
        Assert.Equal(["thesis.docx"], Files(output));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Score_AFileAddedToAnEarlierRun_IsNeverDeleted()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRun.Of(["score", .. Inputs(dir), "--out", output]).ExitCode);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        var run = CliRun.Of(["score", .. Inputs(dir), "--out", output]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("notes.txt", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.Contains("ranks.csv", Files(output));
    }

    [Fact]
    public void Uncertainty_OneOutputUnwritable_LeavesThePreviousRunIntact()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        string[] args = ["uncertainty", .. Inputs(dir), "--n", "5", "--seed", "1", "--noise", "2=0.25", "--out", output];
        Assert.Equal(0, CliRun.Of(args).ExitCode);
        var before = Files(output).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(output, f)));

        // The plot's folder is a file: the plot cannot be written, after the CSVs of the new run were.
        var blocker = dir.File("blocker", "a file, not a folder");
        var run = CliRun.Of([.. args.Select(a => a == "1" ? "2" : a), "--plot", Path.Combine(blocker, "plot.svg")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), Files(output));
        Assert.All(before, kv => Assert.Equal(kv.Value, File.ReadAllText(Path.Combine(output, kv.Key))));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Uncertainty_PlotInsideTheOutFolder_IsPartOfTheRun()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of(["uncertainty", .. Inputs(dir), "--n", "5", "--seed", "1", "--noise", "2=0.25", "--out", output, "--plot", Path.Combine(output, "plot.svg")]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("plot.svg", Files(output));
        Assert.Equal(0, CliRun.Of(["uncertainty", .. Inputs(dir), "--n", "5", "--seed", "1", "--noise", "2=0.25", "--out", output]).ExitCode);
        Assert.DoesNotContain("plot.svg", Files(output));
    }

    [Fact]
    public void Cancelled_BeforeCommit_ChangesNothingAndCleansUp()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRun.Of(["score", .. Inputs(dir), "--impute", "mean", "--out", output]).ExitCode);
        var before = Files(output);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["score", .. Inputs(dir), "--out", output], stdout, stderr, cancellation.Token);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("cancelled", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Files(output));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Transaction_CancelledWhileWriting_DisposeDeletesTheHalfWrittenRun()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        using var cancellation = new CancellationTokenSource();
        using (var run = OutputTransaction.Begin([], "test", cancellation.Token))
        {
            var temp = run.Folder(output);
            File.WriteAllText(Path.Combine(temp, "a.csv"), "x\n1\n");
            File.WriteAllText(Path.Combine(temp, "b.csv"), "x\n"); // a truncated table
            cancellation.Cancel();
            Assert.Throws<OperationCanceledException>(() => run.Commit());
        }

        Assert.False(Directory.Exists(output));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Transaction_OutputFailingWhenMovedIntoPlace_RollsBackTheOthers()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var plot = Path.Combine(dir.Path, "plot.svg");
        using (var first = OutputTransaction.Begin([], "test"))
        {
            File.WriteAllText(Path.Combine(first.Folder(output), "a.csv"), "old a\n");
            File.WriteAllText(first.File(plot), "old plot");
            first.Commit();
        }

        using (var second = OutputTransaction.Begin([], "test"))
        {
            File.WriteAllText(Path.Combine(second.Folder(output), "b.csv"), "new b\n");
            File.WriteAllText(second.File(plot), "new plot");

            // After the run wrote its outputs, the plot's destination becomes a folder: moving the plot in fails half-way,
            // after the folder was moved into place.
            File.Delete(plot);
            Directory.CreateDirectory(plot);
            File.WriteAllText(Path.Combine(plot, "keep.txt"), "mine");
            var error = Assert.Throws<CliException>(() => second.Commit());
            Assert.Contains("no output was changed", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["a.csv", OutputTransaction.ManifestName], Files(output));
        Assert.Equal("old a\n", File.ReadAllText(Path.Combine(output, "a.csv")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(plot, "keep.txt")));
        Assert.Empty(Leftovers(dir.Path));
    }

    [Fact]
    public void Canonical_ResolvesSymlinkedFolders()
    {
        using var dir = new TempDir();
        var real = Directory.CreateDirectory(Path.Combine(dir.Path, "real")).FullName;
        var link = Path.Combine(dir.Path, "link");
        Directory.CreateSymbolicLink(link, real);
        Assert.Equal(OutputTransaction.Canonical(Path.Combine(real, "x.csv")), OutputTransaction.Canonical(Path.Combine(link, "x.csv")));
    }
}
