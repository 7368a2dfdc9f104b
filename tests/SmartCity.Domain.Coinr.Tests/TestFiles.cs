using System.Text;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Coinr.Tests;

/// <summary>The bundled examples (copied next to the tests), a small COINr pair, temporary folders and a dataset comparison.</summary>
internal static class TestFiles
{
    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public const string IMeta =
        "iCode,iName,Level,Parent,Direction,Weight,Type\n" +
        "i1,Ind 1,1,P1,1,1,Indicator\n" +
        "i2,\"Ind 2, with a comma\",1,P1,-1,1,Indicator\n" +
        "i3,Ind 3,1,P2,1,2,Indicator\n" +
        "P1,Pillar 1,2,Index,,1,Aggregate\n" +
        "P2,Pillar 2,2,Index,,1,Aggregate\n" +
        "Index,Index,3,,,1,Aggregate\n";

    public const string IData =
        "uCode,uName,i1,i2,i3\n" +
        "A,\"Alpha, the first\",1,5,3\n" +
        "B,Beta,2,4,NA\n" +
        "C,Gamma,3,3,1\n" +
        "D,Delta,4,,2\n";

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Units.ToArray(), actual.Units.ToArray());
        Assert.Equal(expected.Columns.ToArray(), actual.Columns.ToArray());
        for (var c = 0; c < expected.Columns.Length; c++)
        {
            Assert.Equal(expected.Column(c).ToArray(), actual.Column(c).ToArray());
        }

        Assert.Equal(expected.Attributes.Keys.Order(StringComparer.Ordinal), actual.Attributes.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, values) in expected.Attributes)
        {
            Assert.Equal(values.ToArray(), actual.Attributes[key].ToArray());
        }
    }
}

/// <summary>A temporary folder, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartcity-coinr-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
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
